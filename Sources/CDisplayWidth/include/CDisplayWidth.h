#ifndef PTCE_DISPLAY_WIDTH_H
#define PTCE_DISPLAY_WIDTH_H
#include <stdint.h>
/// Columns a Unicode scalar occupies in a UTF-8 terminal: libc's wcwidth evaluated
/// in the C.UTF-8 locale whatever the process locale is (ncurses uses the same table).
/// Returns -1 for non-printable scalars.
int ptce_display_width(uint32_t scalar);
#endif
