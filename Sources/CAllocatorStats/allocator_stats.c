#include "allocator_stats.h"

#include <malloc.h>

size_t amity_allocated_bytes(void) {
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}
