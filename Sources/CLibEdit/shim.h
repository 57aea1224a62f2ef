// Thin wrappers over libedit's variadic calls, which Swift cannot call directly.
// Use <histedit.h> (libedit's own API), never GNU readline's headers.
#include <stdio.h>
#include <histedit.h>

/// el_init on the process's standard streams (Swift 6 cannot read the C globals).
static inline EditLine *amity_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

typedef char *(*amity_prompt_fn)(EditLine *);
typedef unsigned char (*amity_command_fn)(EditLine *, int);

static inline int amity_el_set_prompt(EditLine *el, amity_prompt_fn fn) {
    return el_set(el, EL_PROMPT, fn);
}
static inline int amity_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}
static inline int amity_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}
/// Puts the terminal in edit mode now; el_gets would do it only at its first read, after
/// drawing the prompt, and a Ctrl-D typed in between is eaten by the cooked-mode driver.
static inline int amity_el_prep_term(EditLine *el, int on) {
    return el_set(el, EL_PREP_TERM, on);
}
/// Replaces libedit's keystroke reader (see EditLineReader.readCharacter).
static inline int amity_el_set_getc(EditLine *el, el_rfunc_t fn) {
    return el_set(el, EL_GETCFN, fn);
}
static inline int amity_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}
static inline int amity_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}
static inline void *amity_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int amity_el_addfn(EditLine *el, const char *name, const char *help, amity_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int amity_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, NULL);
}
static inline int amity_history_setsize(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}
static inline int amity_history_setunique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}
static inline int amity_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}
static inline int amity_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}
static inline int amity_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}
