#ifndef PTCE_NCURSESW_SHIM_H
#define PTCE_NCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE: without these the wide API is missing (docs/ARCHITECTURE.md, « The terminal »).
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 refuses mutable C globals (stdscr) and does not import the A_* attribute macros
// (built from macros with arguments): accessors instead.
static inline WINDOW *ptce_stdscr(void) { return stdscr; }
static inline attr_t ptce_a_bold(void) { return A_BOLD; }
static inline attr_t ptce_a_reverse(void) { return A_REVERSE; }
static inline attr_t ptce_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ptce_a_dim(void) { return A_DIM; }
static inline attr_t ptce_a_normal(void) { return A_NORMAL; }
#endif
