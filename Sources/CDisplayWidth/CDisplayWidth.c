#define _GNU_SOURCE
#include "CDisplayWidth.h"
#include <locale.h>
#include <wchar.h>
#include <pthread.h>

static locale_t utf8_locale = (locale_t)0;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void make_locale(void) {
    utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

int ptce_display_width(uint32_t scalar) {
    pthread_once(&once, make_locale);
    if (utf8_locale == (locale_t)0) return scalar < 0x7f && scalar >= 0x20 ? 1 : -1;
    locale_t previous = uselocale(utf8_locale);
    int width = wcwidth((wchar_t)scalar);
    uselocale(previous);
    return width;
}
