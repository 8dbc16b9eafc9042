/* vm67 CMS REXX: the built-in functions. Character conversions (C2X, C2D,
 * X2C, D2C) work on the EBCDIC codes, as on the real machine. */
#include "rexx_int.h"

#define STR(i) (i < nargs && args[i] ? args[i] : "")
#define HAS(i) (i < nargs && args[i])

static void count(struct rexx *r, int nargs, int min, int max)
{
    if (nargs < min || nargs > max) rexx_error(r, 40);
}

static void need(struct rexx *r, char **args, int nargs, int i)
{
    if (!HAS(i)) rexx_error(r, 40);
}

static i32 whole(struct rexx *r, const char *s, i32 minimum)
{
    i32 v;
    if (!num_is_whole(r, s, &v) || v < minimum) rexx_error(r, 40);
    return v;
}

static char pad_char(struct rexx *r, char **args, int nargs, int i)
{
    if (!HAS(i)) return ' ';
    if (strlen(args[i]) != 1) rexx_error(r, 40);
    return args[i][0];
}

static char *str_n(struct rexx *r, const char *s, int n) { return rx_strndup(r, s, n); }

static char *number(struct rexx *r, i32 v)
{
    char t[16];
    format(t, sizeof t, "%d", v);
    return rx_strdup(r, t);
}

/* Words: the start and length of word n (from 1), or -1. */
static int word_at(const char *s, int n, int *len)
{
    int i = 0, k = 0;
    for (;;) {
        while (s[i] == ' ') i++;
        if (!s[i]) return -1;
        int start = i;
        while (s[i] && s[i] != ' ') i++;
        if (++k == n) { *len = i - start; return start; }
    }
}

static int word_count(const char *s)
{
    int n = 0, len;
    while (word_at(s, n + 1, &len) >= 0) n++;
    return n;
}

static char *substr(struct rexx *r, const char *s, i32 start, i32 length, char pad)
{
    char *out = rx_zalloc(r, (u32)length + 1);
    i32 n = (i32)strlen(s);
    for (i32 i = 0; i < length; i++) out[i] = start - 1 + i < n ? s[start - 1 + i] : pad;
    out[length] = 0;
    return out;
}

static char *strip(struct rexx *r, const char *s, char option, char c)
{
    int n = (int)strlen(s), a = 0;
    if (option == 'B' || option == 'L') while (a < n && s[a] == c) a++;
    if (option == 'B' || option == 'T') while (n > a && s[n - 1] == c) n--;
    return str_n(r, s + a, n - a);
}

static int pos(const char *needle, const char *hay, int start)
{
    int n = (int)strlen(needle), h = (int)strlen(hay);
    if (n == 0) return 0;
    for (int i = start - 1; i + n <= h; i++)
        if (memcmp(hay + i, needle, (size_t)n) == 0) return i + 1;
    return 0;
}

static const char *month_names[] = {"January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"};
static const char *day_names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* Days since 1 January 0001 (that day is 0, a Monday). */
static i32 base_days(int y, int m, int d)
{
    static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    i32 p = y - 1;
    i32 days = p * 365 + p / 4 - p / 100 + p / 400 + before[m - 1] + d - 1;
    if (m > 2 && leap(y)) days++;
    return days;
}

static char *date(struct rexx *r, char option)
{
    struct timer_info t;
    diag_timer(&t);                 /* MM/DD/YY */
    int m = (t.date[0] - '0') * 10 + t.date[1] - '0';
    int d = (t.date[3] - '0') * 10 + t.date[4] - '0';
    int yy = (t.date[6] - '0') * 10 + t.date[7] - '0';
    int y = yy < 70 ? 2000 + yy : 1900 + yy;
    if (m < 1 || m > 12) m = 1;
    char out[40];
    switch (option) {
    case 'N': format(out, sizeof out, "%d %c%c%c %d", d, month_names[m - 1][0], month_names[m - 1][1], month_names[m - 1][2], y); break;
    case 'U': format(out, sizeof out, "%02d/%02d/%02d", m, d, yy); break;
    case 'E': format(out, sizeof out, "%02d/%02d/%02d", d, m, yy); break;
    case 'O': format(out, sizeof out, "%02d/%02d/%02d", yy, m, d); break;
    case 'S': format(out, sizeof out, "%04d%02d%02d", y, m, d); break;
    case 'M': format(out, sizeof out, "%s", month_names[m - 1]); break;
    case 'W': format(out, sizeof out, "%s", day_names[base_days(y, m, d) % 7]); break;
    case 'D': format(out, sizeof out, "%d", base_days(y, m, d) - base_days(y, 1, 1) + 1); break;
    case 'B': format(out, sizeof out, "%d", base_days(y, m, d)); break;
    default: rexx_error(r, 40);
    }
    return rx_strdup(r, out);
}

static char *time(struct rexx *r, char option)
{
    struct timer_info t;
    diag_timer(&t);                 /* HH:MM:SS */
    int h = (t.time[0] - '0') * 10 + t.time[1] - '0';
    int m = (t.time[3] - '0') * 10 + t.time[4] - '0';
    int s = (t.time[6] - '0') * 10 + t.time[7] - '0';
    char out[24];
    switch (option) {
    case 'N': format(out, sizeof out, "%s", t.time); break;
    case 'C': format(out, sizeof out, "%d:%02d%s", h % 12 ? h % 12 : 12, m, h < 12 ? "am" : "pm"); break;
    case 'H': format(out, sizeof out, "%d", h); break;
    case 'M': format(out, sizeof out, "%d", h * 60 + m); break;
    case 'S': format(out, sizeof out, "%d", (h * 60 + m) * 60 + s); break;
    default: rexx_error(r, 40);
    }
    return rx_strdup(r, out);
}

static char *userid(struct rexx *r)
{
    u8 command[16], response[128];
    const char *q = "QUERY USERID";
    to_ebcdic(command, q, strlen(q));
    u32 rc;
    int n = diag_cp(command, (u32)strlen(q), response, sizeof response, &rc);
    char text[130];
    if (n < 0) n = 0;
    from_ebcdic(text, response, (size_t)n);
    text[n] = 0;
    int k = 0;
    while (k < n && text[k] != ' ' && text[k] != '\n' && (u8)text[k] != 0x85) k++;
    return str_n(r, text, k);
}

/* DATATYPE(s, type) */
static int datatype(struct rexx *r, const char *s, char type)
{
    int n = (int)strlen(s);
    i32 v;
    switch (type) {
    case 'N': return num_is_number(s);
    case 'W': return num_is_whole(r, s, &v);
    case 'A': case 'L': case 'U': case 'M': case 'B': case 'X': case 'S':
        if (n == 0) return type == 'X' || type == 'B';
        for (int i = 0; i < n; i++) {
            int c = (u8)s[i];
            int up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z', dig = c >= '0' && c <= '9';
            int ok = type == 'A' ? up || low || dig : type == 'L' ? low : type == 'U' ? up : type == 'M' ? up || low
                   : type == 'B' ? c == '0' || c == '1' || c == ' ' : type == 'X' ? isxdigit(c) || c == ' '
                   : up || low || dig || c == '.' || c == '!' || c == '?' || c == '_' || c == '@' || c == '#' || c == '$';
            if (!ok) return 0;
        }
        return 1;
    }
    rexx_error(r, 40);
}

static char *to_hex(struct rexx *r, const char *s)
{
    int n = (int)strlen(s);
    char *out = rx_zalloc(r, (u32)n * 2 + 1);
    for (int i = 0; i < n; i++) format(out + 2 * i, 3, "%02X", ascii_to_ebcdic[(u8)s[i]]);
    return out;
}

static char *from_hex(struct rexx *r, const char *s)
{
    char digits[512];
    int k = 0;
    for (; *s; s++) {
        if (*s == ' ') continue;
        if (!isxdigit((u8)*s) || k >= (int)sizeof digits) rexx_error(r, 40);
        digits[k++] = *s;
    }
    char *out = rx_zalloc(r, (u32)k / 2 + 2);
    int o = 0, i = 0;
    u32 v;
    if (k % 2) { char one[2] = {digits[0], 0}; parse_hex(one, &v); out[o++] = (char)ebcdic_to_ascii[v]; i = 1; }
    for (; i < k; i += 2) {
        char two[3] = {digits[i], digits[i + 1], 0};
        parse_hex(two, &v);
        out[o++] = (char)ebcdic_to_ascii[v];
    }
    out[o] = 0;
    return out;
}

static char *minmax(struct rexx *r, char **args, int nargs, int max)
{
    if (nargs < 1) rexx_error(r, 40);
    const char *best = NULL;
    for (int i = 0; i < nargs; i++) {
        need(r, args, nargs, i);
        if (!num_is_number(args[i])) rexx_error(r, 41);
        int c;
        if (!best || (num_compare(r, args[i], best, &c) && (max ? c > 0 : c < 0))) best = args[i];
    }
    char out[ND + 24];
    num_arith(r, OP_ADD, best, "0", out);
    return rx_strdup(r, out);
}

/* TRUNC(n, d) and FORMAT(n, before, after): plain notation, rounded. */
static char *fixed(struct rexx *r, const char *s, i32 after, int round, i32 before)
{
    struct num x;
    char text[ND + 40];
    if (!num_parse(s, &x)) rexx_error(r, 41);
    if (after > 99 || before > 99) rexx_error(r, 40);
    num_arith(r, OP_ADD, s, "0", text);      /* to DIGITS */
    num_parse(text, &x);
    /* Digits up to `after` places after the point. */
    int keep = x.n + x.exp + after;          /* significant digits kept */
    if (keep < x.n) {
        int up = 0;
        if (keep < 0) { x.n = 1; x.d[0] = 0; x.exp = -after; keep = -1; }
        else {
            up = round && x.d[keep] >= 5;
            x.exp += x.n - keep;
            x.n = keep;
            if (x.n == 0) { x.n = 1; x.d[0] = 0; }
            if (up) {
                int i = x.n - 1;
                while (i >= 0 && x.d[i] == 9) x.d[i--] = 0;
                if (i >= 0) x.d[i]++;
                else { memmove(x.d + 1, x.d, (size_t)x.n); x.d[0] = 1; x.n++; }
            }
        }
    }
    /* Write it: integer part, point, exactly `after` decimals. */
    char out[256];
    int o = 0;
    int allzero = 1;
    for (int i = 0; i < x.n; i++) if (x.d[i]) allzero = 0;
    int ipart = x.n + x.exp;                 /* digits before the point */
    if (ipart > 99) rexx_error(r, 40);       /* exponential form: not done here */
    char ibuf[112];
    int in = 0;
    for (int i = 0; i < ipart; i++) ibuf[in++] = (char)(i < x.n ? '0' + x.d[i] : '0');
    if (in == 0) ibuf[in++] = '0';
    if (x.neg && !allzero) out[o++] = '-';
    if (before > 0) {
        int width = in + (x.neg && !allzero);
        if (width > before) rexx_error(r, 40);
        memmove(out + before - width, out, (size_t)o);
        for (int i = 0; i < before - width; i++) out[i] = ' ';
        o += before - width;
    }
    memcpy(out + o, ibuf, (size_t)in);
    o += in;
    if (after > 0) {
        out[o++] = '.';
        for (int k = 0; k < after; k++) {
            int place = ipart + k;           /* index into d */
            out[o++] = (char)(place >= 0 && place < x.n ? '0' + x.d[place] : '0');
        }
    }
    out[o] = 0;
    return rx_strdup(r, out);
}

char *rexx_builtin(struct rexx *r, const char *name, char **args, int nargs, int *found)
{
    *found = 1;
    const char *s = STR(0);
    int len = (int)strlen(s);
    if (!strcmp(name, "LENGTH")) { count(r, nargs, 1, 1); need(r, args, nargs, 0); return number(r, len); }
    if (!strcmp(name, "SUBSTR")) {
        count(r, nargs, 2, 4); need(r, args, nargs, 0); need(r, args, nargs, 1);
        i32 start = whole(r, args[1], 1);
        i32 n = HAS(2) ? whole(r, args[2], 0) : (start <= len ? len - start + 1 : 0);
        return substr(r, s, start, n, pad_char(r, args, nargs, 3));
    }
    if (!strcmp(name, "LEFT")) {
        count(r, nargs, 2, 3); need(r, args, nargs, 1);
        return substr(r, s, 1, whole(r, args[1], 0), pad_char(r, args, nargs, 2));
    }
    if (!strcmp(name, "RIGHT")) {
        count(r, nargs, 2, 3); need(r, args, nargs, 1);
        i32 n = whole(r, args[1], 0);
        char pad = pad_char(r, args, nargs, 2);
        char *out = rx_zalloc(r, (u32)n + 1);
        for (i32 i = 0; i < n; i++) {
            i32 from = len - n + i;
            out[i] = from >= 0 ? s[from] : pad;
        }
        return out;
    }
    if (!strcmp(name, "CENTER") || !strcmp(name, "CENTRE")) {
        count(r, nargs, 2, 3); need(r, args, nargs, 1);
        i32 n = whole(r, args[1], 0);
        char pad = pad_char(r, args, nargs, 2);
        char *out = rx_zalloc(r, (u32)n + 1);
        memset(out, pad, (size_t)n);
        if (len <= n) memcpy(out + (n - len) / 2, s, (size_t)len);
        else memcpy(out, s + (len - n) / 2, (size_t)n);
        return out;
    }
    if (!strcmp(name, "POS") || !strcmp(name, "INDEX")) {
        count(r, nargs, 2, 3); need(r, args, nargs, 0); need(r, args, nargs, 1);
        const char *needle = name[0] == 'P' ? args[0] : args[1], *hay = name[0] == 'P' ? args[1] : args[0];
        return number(r, pos(needle, hay, HAS(2) ? whole(r, args[2], 1) : 1));
    }
    if (!strcmp(name, "LASTPOS")) {
        count(r, nargs, 2, 3); need(r, args, nargs, 0); need(r, args, nargs, 1);
        int n = (int)strlen(args[0]), h = (int)strlen(args[1]);
        int start = HAS(2) ? whole(r, args[2], 1) : h;
        if (start > h) start = h;
        int found_at = 0;
        if (n)
            for (int i = start - n; i >= 0; i--)
                if (memcmp(args[1] + i, args[0], (size_t)n) == 0) { found_at = i + 1; break; }
        return number(r, found_at);
    }
    if (!strcmp(name, "VERIFY")) {
        count(r, nargs, 2, 4); need(r, args, nargs, 1);
        int match = HAS(2) && toupper((u8)args[2][0]) == 'M';
        int start = HAS(3) ? whole(r, args[3], 1) : 1;
        for (int i = start - 1; i < len; i++) {
            int in = 0;
            for (const char *q = args[1]; *q; q++) if (*q == s[i]) { in = 1; break; }
            if (in == match) return number(r, i + 1);
        }
        return number(r, 0);
    }
    if (!strcmp(name, "WORD") || !strcmp(name, "WORDINDEX") || !strcmp(name, "WORDLENGTH")) {
        count(r, nargs, 2, 2); need(r, args, nargs, 1);
        int wl, at = word_at(s, whole(r, args[1], 1), &wl);
        if (name[4] == 0) return at < 0 ? rx_strdup(r, "") : str_n(r, s + at, wl);
        if (name[4] == 'I') return number(r, at < 0 ? 0 : at + 1);
        return number(r, at < 0 ? 0 : wl);
    }
    if (!strcmp(name, "WORDS")) { count(r, nargs, 1, 1); return number(r, word_count(s)); }
    if (!strcmp(name, "SUBWORD") || !strcmp(name, "DELWORD")) {
        count(r, nargs, 2, 3); need(r, args, nargs, 1);
        i32 n = whole(r, args[1], 1);
        i32 k = HAS(2) ? whole(r, args[2], 0) : 1000000;
        int wl, a = word_at(s, n, &wl);
        int b = len;                      /* the end of the last word taken */
        if (a >= 0) {
            int last = n + k - 1, bl;
            if (k == 0) b = a;
            else {
                int at = word_at(s, last, &bl);
                b = at >= 0 ? at + bl : len;
                if (at < 0) { while (b > a && s[b - 1] == ' ') b--; }
            }
        }
        if (name[0] == 'S') {
            if (a < 0 || k == 0) return rx_strdup(r, "");
            return str_n(r, s + a, b - a);
        }
        if (a < 0) return rx_strdup(r, s);
        /* DELWORD: the words go, with the blanks after them. */
        while (b < len && s[b] == ' ' && k) b++;
        char *out = rx_zalloc(r, (u32)len + 1);
        memcpy(out, s, (size_t)a);
        memcpy(out + a, s + b, (size_t)(len - b));
        return out;
    }
    if (!strcmp(name, "WORDPOS")) {
        count(r, nargs, 2, 3); need(r, args, nargs, 0); need(r, args, nargs, 1);
        int want = word_count(args[0]), have = word_count(args[1]);
        int start = HAS(2) ? whole(r, args[2], 1) : 1;
        for (int i = start; want && i + want - 1 <= have; i++) {
            int ok = 1;
            for (int k = 0; k < want && ok; k++) {
                int l1, l2, a1 = word_at(args[0], k + 1, &l1), a2 = word_at(args[1], i + k, &l2);
                ok = l1 == l2 && memcmp(args[0] + a1, args[1] + a2, (size_t)l1) == 0;
            }
            if (ok) return number(r, i);
        }
        return number(r, 0);
    }
    if (!strcmp(name, "STRIP")) {
        count(r, nargs, 1, 3);
        char option = HAS(1) ? (char)toupper((u8)args[1][0]) : 'B';
        if (option != 'B' && option != 'L' && option != 'T') rexx_error(r, 40);
        return strip(r, s, option, pad_char(r, args, nargs, 2));
    }
    if (!strcmp(name, "COPIES")) {
        count(r, nargs, 2, 2); need(r, args, nargs, 1);
        i32 n = whole(r, args[1], 0);
        if ((i32)len * n > 65536) rexx_error(r, 5);
        char *out = rx_zalloc(r, (u32)(len * n) + 1);
        for (i32 i = 0; i < n; i++) memcpy(out + i * len, s, (size_t)len);
        return out;
    }
    if (!strcmp(name, "REVERSE")) {
        count(r, nargs, 1, 1);
        char *out = rx_zalloc(r, (u32)len + 1);
        for (int i = 0; i < len; i++) out[i] = s[len - 1 - i];
        return out;
    }
    if (!strcmp(name, "TRANSLATE")) {
        count(r, nargs, 1, 4);
        char *out = rx_strdup(r, s);
        if (nargs == 1) {
            for (char *q = out; *q; q++) *q = (char)toupper((u8)*q);
            return out;
        }
        const char *to = STR(1), *from = STR(2);
        char pad = pad_char(r, args, nargs, 3);
        int tl = (int)strlen(to), fl = (int)strlen(from);
        for (char *q = out; *q; q++) {
            if (!HAS(2)) {          /* the table in: the whole 256 characters in order */
                u8 e = ascii_to_ebcdic[(u8)*q];
                if (e < tl) *q = to[e];
                continue;
            }
            for (int i = 0; i < fl; i++)
                if (from[i] == *q) { *q = i < tl ? to[i] : pad; break; }
        }
        return out;
    }
    if (!strcmp(name, "SPACE")) {
        count(r, nargs, 1, 3);
        i32 n = HAS(1) ? whole(r, args[1], 0) : 1;
        char pad = pad_char(r, args, nargs, 2);
        int words = word_count(s);
        if (n > 65535) rexx_error(r, 5);
        char *out = rx_zalloc(r, (u32)(len + words * n) + 1);
        int o = 0;
        for (int w = 1; w <= words; w++) {
            int wl, at = word_at(s, w, &wl);
            if (w > 1) for (i32 k = 0; k < n; k++) out[o++] = pad;
            memcpy(out + o, s + at, (size_t)wl);
            o += wl;
        }
        out[o] = 0;
        return out;
    }
    if (!strcmp(name, "INSERT") || !strcmp(name, "OVERLAY")) {
        count(r, nargs, 2, 5); need(r, args, nargs, 0); need(r, args, nargs, 1);
        const char *new = args[0], *target = args[1];
        int nl = (int)strlen(new), tl = (int)strlen(target);
        int insert = name[0] == 'I';
        i32 n = HAS(2) ? whole(r, args[2], insert ? 0 : 1) : (insert ? 0 : 1);
        i32 length = HAS(3) ? whole(r, args[3], 0) : nl;
        char pad = pad_char(r, args, nargs, 4);
        int at = insert ? n : n - 1;
        int total = insert ? (tl > at ? tl : at) + length : (tl > at + length ? tl : at + length);
        char *out = rx_zalloc(r, (u32)total + 1);
        int o = 0;
        for (int i = 0; i < at; i++) out[o++] = i < tl ? target[i] : pad;
        for (int i = 0; i < length; i++) out[o++] = i < nl ? new[i] : pad;
        for (int i = insert ? at : at + length; i < tl; i++) out[o++] = target[i];
        out[o] = 0;
        return out;
    }
    if (!strcmp(name, "DELSTR")) {
        count(r, nargs, 2, 3); need(r, args, nargs, 1);
        i32 n = whole(r, args[1], 1);
        i32 k = HAS(2) ? whole(r, args[2], 0) : len;
        char *out = rx_strdup(r, s);
        if (n <= len) {
            i32 end = n - 1 + k > len ? len : n - 1 + k;
            memmove(out + n - 1, s + end, (size_t)(len - end + 1));
        }
        return out;
    }
    if (!strcmp(name, "ABBREV")) {
        count(r, nargs, 2, 3); need(r, args, nargs, 0); need(r, args, nargs, 1);
        int al = (int)strlen(args[1]);
        i32 min = HAS(2) ? whole(r, args[2], 0) : al;
        return number(r, al >= min && al <= len && strncmp(args[0], args[1], (size_t)al) == 0);
    }
    if (!strcmp(name, "COMPARE")) {
        count(r, nargs, 2, 3); need(r, args, nargs, 0); need(r, args, nargs, 1);
        char pad = pad_char(r, args, nargs, 2);
        int bl = (int)strlen(args[1]), n = len > bl ? len : bl;
        for (int i = 0; i < n; i++) {
            char a = i < len ? s[i] : pad, b = i < bl ? args[1][i] : pad;
            if (a != b) return number(r, i + 1);
        }
        return number(r, 0);
    }
    if (!strcmp(name, "MAX") || !strcmp(name, "MIN")) return minmax(r, args, nargs, name[1] == 'A');
    if (!strcmp(name, "ABS") || !strcmp(name, "SIGN")) {
        count(r, nargs, 1, 1); need(r, args, nargs, 0);
        if (!num_is_number(s)) rexx_error(r, 41);
        char out[ND + 24];
        num_arith(r, OP_ADD, s, "0", out);
        if (name[0] == 'S') return number(r, out[0] == '-' ? -1 : strcmp(out, "0") ? 1 : 0);
        return rx_strdup(r, out[0] == '-' ? out + 1 : out);
    }
    if (!strcmp(name, "TRUNC")) {
        count(r, nargs, 1, 2); need(r, args, nargs, 0);
        return fixed(r, s, HAS(1) ? whole(r, args[1], 0) : 0, 0, 0);
    }
    if (!strcmp(name, "FORMAT")) {
        count(r, nargs, 1, 3); need(r, args, nargs, 0);
        if (!HAS(1) && !HAS(2)) {
            char out[ND + 24];
            num_arith(r, OP_ADD, s, "0", out);
            return rx_strdup(r, out);
        }
        i32 before = HAS(1) ? whole(r, args[1], 1) : 0;
        i32 after = -1;
        if (HAS(2)) after = whole(r, args[2], 0);
        if (after < 0) {
            /* As many decimals as the number has. */
            char out[ND + 24];
            num_arith(r, OP_ADD, s, "0", out);
            const char *dot = out;
            while (*dot && *dot != '.' && *dot != 'E') dot++;
            after = 0;
            if (*dot == '.') { dot++; while (isdigit((u8)dot[after])) after++; }
        }
        return fixed(r, s, after, 1, before);
    }
    if (!strcmp(name, "DATATYPE")) {
        count(r, nargs, 1, 2); need(r, args, nargs, 0);
        if (!HAS(1)) return rx_strdup(r, num_is_number(s) ? "NUM" : "CHAR");
        return number(r, datatype(r, s, (char)toupper((u8)args[1][0])));
    }
    if (!strcmp(name, "C2X")) { count(r, nargs, 1, 1); return to_hex(r, s); }
    if (!strcmp(name, "X2C")) { count(r, nargs, 1, 1); return from_hex(r, s); }
    if (!strcmp(name, "C2D")) {
        count(r, nargs, 1, 2);
        if (len > 4 || (len == 4 && (ascii_to_ebcdic[(u8)s[0]] & 0x80) && !HAS(1))) rexx_error(r, 40);
        u32 v = 0;
        for (int i = 0; i < len; i++) v = v << 8 | ascii_to_ebcdic[(u8)s[i]];
        i32 out = (i32)v;
        if (HAS(1)) {
            i32 n = whole(r, args[1], 0);
            if (n == 0) return number(r, 0);
            if (n < 4) {
                u32 mask = (1u << (8 * n)) - 1, sign = 1u << (8 * n - 1);
                v &= mask;
                out = (v & sign) ? (i32)v - (i32)(mask + 1) : (i32)v;
            }
        }
        return number(r, out);
    }
    if (!strcmp(name, "D2C") || !strcmp(name, "D2X")) {
        count(r, nargs, 1, 2); need(r, args, nargs, 0);
        i32 v;
        if (!num_is_whole(r, s, &v)) rexx_error(r, 40);
        if (v < 0 && !HAS(1)) rexx_error(r, 40);
        int n = HAS(1) ? whole(r, args[1], 0) : 0;
        u8 bytes[4] = {(u8)(v >> 24), (u8)(v >> 16), (u8)(v >> 8), (u8)v};
        if (name[2] == 'X') {
            char hex[9];
            format(hex, sizeof hex, "%08X", (u32)v);
            int digits = n ? n : 8;
            if (!n) { int k = 0; while (k < 7 && hex[k] == '0') k++; digits = 8 - k; }
            if (digits > 8) {
                char *out = rx_zalloc(r, (u32)digits + 1);
                memset(out, v < 0 ? 'F' : '0', (size_t)digits - 8);
                memcpy(out + digits - 8, hex, 8);
                return out;
            }
            return rx_strdup(r, hex + 8 - digits);
        }
        int bytes_n = n ? n : 4;
        if (!n) { int k = 0; while (k < 3 && bytes[k] == 0) k++; bytes_n = 4 - k; }
        char *out = rx_zalloc(r, (u32)bytes_n + 1);
        for (int i = 0; i < bytes_n; i++) {
            int from = 4 - bytes_n + i;
            u8 b = from >= 0 ? bytes[from] : (v < 0 ? 0xFF : 0);
            out[i] = (char)ebcdic_to_ascii[b];
        }
        return out;
    }
    if (!strcmp(name, "X2D")) {
        count(r, nargs, 1, 2);
        char digits[16];
        int k = 0;
        for (const char *q = s; *q; q++) {
            if (*q == ' ') continue;
            if (!isxdigit((u8)*q) || k >= 8) rexx_error(r, 40);
            digits[k++] = *q;
        }
        digits[k] = 0;
        u32 v = 0;
        if (k) parse_hex(digits, &v);
        if (HAS(1)) {
            i32 n = whole(r, args[1], 0);
            if (n == 0) return number(r, 0);
            if (n < 8) {
                u32 mask = (1u << (4 * n)) - 1, sign = 1u << (4 * n - 1);
                v &= mask;
                return number(r, (v & sign) ? (i32)v - (i32)(mask + 1) : (i32)v);
            }
            return number(r, (i32)v);
        }
        if (v > 0x7FFFFFFF) rexx_error(r, 40);
        return number(r, (i32)v);
    }
    if (!strcmp(name, "XRANGE")) {
        count(r, nargs, 0, 2);
        int a = HAS(0) ? ascii_to_ebcdic[(u8)args[0][0]] : 1, b = HAS(1) ? ascii_to_ebcdic[(u8)args[1][0]] : 255;
        if (HAS(0) && strlen(args[0]) != 1) rexx_error(r, 40);
        char *out = rx_zalloc(r, 257);
        int o = 0;
        for (int c = a;; c = (c + 1) & 0xFF) {
            if (c) out[o++] = (char)ebcdic_to_ascii[c];      /* NUL cannot be held */
            if (c == b || o >= 256) break;
        }
        return out;
    }
    if (!strcmp(name, "TIME")) { count(r, nargs, 0, 1); return time(r, HAS(0) ? (char)toupper((u8)s[0]) : 'N'); }
    if (!strcmp(name, "DATE")) { count(r, nargs, 0, 1); return date(r, HAS(0) ? (char)toupper((u8)s[0]) : 'N'); }
    if (!strcmp(name, "USERID")) { count(r, nargs, 0, 0); return userid(r); }
    if (!strcmp(name, "ARG")) {
        count(r, nargs, 0, 2);
        struct act *a = r->act;
        if (!HAS(0)) {
            int n = a->nargs;
            while (n && !a->args[n - 1]) n--;
            return number(r, n);
        }
        i32 n = whole(r, args[0], 1);
        int exists = n <= a->nargs && a->args[n - 1];
        if (HAS(1)) {
            char o = (char)toupper((u8)args[1][0]);
            if (o != 'E' && o != 'O') rexx_error(r, 40);
            return number(r, o == 'E' ? exists : !exists);
        }
        return rx_strdup(r, exists ? a->args[n - 1] : "");
    }
    if (!strcmp(name, "SYMBOL") || !strcmp(name, "VALUE")) {
        count(r, nargs, 1, 1); need(r, args, nargs, 0);
        char up[256];
        int n = 0, valid = len > 0 && len < 250;
        for (int i = 0; i < len && valid; i++) {
            int c = toupper((u8)s[i]);
            valid = datatype(r, (char[]){(char)c, 0}, 'S');
            up[n++] = (char)c;
        }
        up[n] = 0;
        if (name[0] == 'V') {
            if (!valid) rexx_error(r, 40);
            return sym_value(r, up);
        }
        if (!valid) return rx_strdup(r, "BAD");
        if (isdigit((u8)up[0]) || up[0] == '.') return rx_strdup(r, "LIT");
        char *resolved = var_resolve(r, up);
        const char *v = var_get(r, resolved);
        rx_free(r, resolved);
        return rx_strdup(r, v ? "VAR" : "LIT");
    }
    if (!strcmp(name, "QUEUED")) { count(r, nargs, 0, 0); return number(r, stack_lines()); }
    if (!strcmp(name, "LINESIZE")) {
        count(r, nargs, 0, 0);
        u32 v, real;
        int width = 130;
        if (diag_device_type(diag_console_address(), &v, &real) == 0 && (real & 0xFF)) width = (int)(real & 0xFF);
        return number(r, width);
    }
    if (!strcmp(name, "DIGITS")) { count(r, nargs, 0, 0); return number(r, r->act->digits); }
    if (!strcmp(name, "SOURCELINE")) {
        count(r, nargs, 0, 1);
        if (!HAS(0)) return number(r, r->nlines);
        i32 n = whole(r, args[0], 1);
        if (n > r->nlines) rexx_error(r, 40);
        return rx_strdup(r, r->lines[n - 1]);
    }
    if (!strcmp(name, "ERRORTEXT")) {
        count(r, nargs, 1, 1); need(r, args, nargs, 0);
        i32 n = whole(r, s, 0);
        if (n > 99) rexx_error(r, 40);
        return rx_strdup(r, rexx_error_text(n));
    }
    if (!strcmp(name, "DIAG")) {
        /* DIAG(8, 'cp command'): CP's response, its lines ended by X'15'. */
        count(r, nargs, 2, 2); need(r, args, nargs, 0); need(r, args, nargs, 1);
        u32 code;
        if (!parse_hex(s, &code) || code != 8) rexx_error(r, 40);
        int n = (int)strlen(args[1]);
        if (n > 240) rexx_error(r, 40);
        u8 command[240];
        to_ebcdic(command, args[1], (size_t)n);
        u8 *response = rx_alloc(r, 8192);
        u32 rc;
        int got = diag_cp(command, (u32)n, response, 8192, &rc);
        if (got < 0) got = 0;
        char *out = rx_alloc(r, (u32)got + 1);
        from_ebcdic(out, response, (size_t)got);
        out[got] = 0;
        rx_free(r, response);
        return out;
    }
    *found = 0;
    return NULL;
}
