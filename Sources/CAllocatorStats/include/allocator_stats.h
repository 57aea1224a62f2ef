#ifndef AMITY_ALLOCATOR_STATS_H
#define AMITY_ALLOCATOR_STATS_H

#include <stddef.h>

/// Bytes the C allocator has handed out and not yet had back (glibc's mallinfo2: blocks in
/// use in the heap and in mmap'ed regions). Swift cannot call mallinfo2 itself: it returns
/// a struct from <malloc.h>, which Swift's Glibc module leaves out.
size_t amity_allocated_bytes(void);

#endif
