/* vm67 CMS: the small C library the nucleus uses (also built on the host
 * for the unit tests, where the system library provides the same names). */
#include "cms.h"

#ifndef CMS_HOST
void *memcpy(void *d, const void *s, size_t n)
{
    u8 *dp = d;
    const u8 *sp = s;
    while (n--) *dp++ = *sp++;
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    u8 *dp = d;
    const u8 *sp = s;
    if (dp < sp) {
        while (n--) *dp++ = *sp++;
    } else {
        while (n--) dp[n] = sp[n];
    }
    return d;
}

void *memset(void *d, int c, size_t n)
{
    u8 *dp = d;
    while (n--) *dp++ = (u8)c;
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const u8 *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y) return *x < *y ? -1 : 1;
    return 0;
}

size_t strlen(const char *s)
{
    const char *p = s;
    while (*p) p++;
    return (size_t)(p - s);
}

char *strcpy(char *d, const char *s)
{
    char *r = d;
    while ((*d++ = *s++) != 0) {}
    return r;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return (u8)*a - (u8)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b) return (u8)*a - (u8)*b;
        if (!*a) return 0;
    }
    return 0;
}

int toupper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
int isdigit(int c) { return c >= '0' && c <= '9'; }
int isxdigit(int c) { return isdigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); }
int isspace(int c) { return c == ' ' || c == '\t'; }
#endif

static void put(char *out, size_t size, size_t *at, char c)
{
    if (*at + 1 < size) out[*at] = c;
    (*at)++;
}

/* printf-like: %s %c %d %u %x %X with '-', '0' and a width. */
int vformat(char *out, size_t size, const char *fmt, va_list ap)
{
    size_t at = 0;
    for (; *fmt; fmt++) {
        if (*fmt != '%') { put(out, size, &at, *fmt); continue; }
        fmt++;
        int left = 0, zero = 0, width = 0;
        for (;; fmt++) {
            if (*fmt == '-') left = 1;
            else if (*fmt == '0') zero = 1;
            else break;
        }
        while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        char buf[16];
        const char *text = buf;
        int len = 0, negative = 0;
        switch (*fmt) {
        case 's':
            text = va_arg(ap, const char *);
            if (!text) text = "";
            len = (int)strlen(text);
            break;
        case 'c':
            buf[0] = (char)va_arg(ap, int);
            len = 1;
            break;
        case 'd': case 'u': case 'x': case 'X': {
            u32 v;
            if (*fmt == 'd') {
                i32 s = va_arg(ap, i32);
                negative = s < 0;
                v = negative ? (u32)(-(s + 1)) + 1 : (u32)s;
            } else {
                v = va_arg(ap, u32);
            }
            u32 base = (*fmt == 'x' || *fmt == 'X') ? 16 : 10;
            const char *digits = *fmt == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
            char tmp[12];
            int n = 0;
            do { tmp[n++] = digits[v % base]; v /= base; } while (v);
            if (negative) buf[len++] = '-';
            if (zero && !left) {
                while (len + n < width) buf[len++] = '0';
            }
            while (n) buf[len++] = tmp[--n];
            break;
        }
        case '%':
            buf[0] = '%';
            len = 1;
            break;
        case 0:
            fmt--;
            continue;
        default:
            buf[0] = *fmt;
            len = 1;
        }
        if (!left) for (int i = len; i < width; i++) put(out, size, &at, ' ');
        for (int i = 0; i < len; i++) put(out, size, &at, text[i]);
        if (left) for (int i = len; i < width; i++) put(out, size, &at, ' ');
    }
    if (size) out[at < size ? at : size - 1] = 0;
    return (int)at;
}

int format(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vformat(out, size, fmt, ap);
    va_end(ap);
    return n;
}

int parse_hex(const char *s, u32 *value)
{
    u32 v = 0;
    if (!*s) return 0;
    for (; *s; s++) {
        int c = toupper((u8)*s);
        if (c >= '0' && c <= '9') v = v * 16 + (u32)(c - '0');
        else if (c >= 'A' && c <= 'F') v = v * 16 + (u32)(c - 'A' + 10);
        else return 0;
    }
    *value = v;
    return 1;
}

int parse_dec(const char *s, u32 *value)
{
    u32 v = 0;
    if (!*s) return 0;
    for (; *s; s++) {
        if (!isdigit((u8)*s)) return 0;
        v = v * 10 + (u32)(*s - '0');
    }
    *value = v;
    return 1;
}
