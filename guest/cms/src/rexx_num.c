/* vm67 CMS REXX: decimal arithmetic as REXX does it. A number is a sign,
 * a coefficient of decimal digits and a power of ten; results are rounded
 * to NUMERIC DIGITS significant digits (9 unless set), and written in plain
 * notation unless that would need more than DIGITS places before the point
 * or twice DIGITS after it (then 1.23456789E+12). */
#include "rexx_int.h"

static int digits_of(struct rexx *r) { return r && r->act ? r->act->digits : 9; }

static void strip_leading(struct num *x)
{
    int k = 0;
    while (k < x->n - 1 && x->d[k] == 0) k++;
    if (k) { memmove(x->d, x->d + k, (size_t)(x->n - k)); x->n -= k; }
    if (x->n == 1 && x->d[0] == 0) { x->neg = 0; }
}

static int is_zero(const struct num *x) { return x->n == 1 && x->d[0] == 0; }

static void round_to(struct num *x, int digits)
{
    strip_leading(x);
    if (x->n <= digits) return;
    int up = x->d[digits] >= 5;
    x->exp += x->n - digits;
    x->n = digits;
    if (up) {
        int i = digits - 1;
        while (i >= 0 && x->d[i] == 9) x->d[i--] = 0;
        if (i >= 0) x->d[i]++;
        else {                      /* 999 -> 1000: one digit more, the last a 0 */
            memmove(x->d + 1, x->d, (size_t)digits - 1);
            x->d[0] = 1;
            x->exp++;
        }
    }
}

int num_parse(const char *s, struct num *x)
{
    memset(x, 0, sizeof *x);
    while (*s == ' ') s++;
    if (*s == '+' || *s == '-') {
        x->neg = *s == '-';
        s++;
        while (*s == ' ') s++;
    }
    int any = 0, point = 0;
    for (; isdigit((u8)*s) || (*s == '.' && !point); s++) {
        if (*s == '.') { point = 1; continue; }
        any = 1;
        if (x->n == 0 && *s == '0' && !point) continue;
        if (x->n < ND - 1) {
            x->d[x->n++] = (u8)(*s - '0');
            if (point) x->exp--;
        } else if (!point) {
            x->exp++;               /* digits beyond what is kept */
        }
    }
    if (!any) return 0;
    if (*s == 'E' || *s == 'e') {
        s++;
        int eneg = 0, e = 0, ed = 0;
        if (*s == '+' || *s == '-') eneg = *s++ == '-';
        while (isdigit((u8)*s)) { if (e < 100000) e = e * 10 + (*s - '0'); s++; ed++; }
        if (!ed) return 0;
        x->exp += eneg ? -e : e;
    }
    while (*s == ' ') s++;
    if (*s) return 0;
    if (x->n == 0) { x->n = 1; x->d[0] = 0; x->exp = 0; x->neg = 0; }
    strip_leading(x);
    return 1;
}

int num_is_number(const char *s)
{
    struct num x;
    return num_parse(s, &x);
}

void num_format(struct rexx *r, struct num *x, char *out, int strip)
{
    int digits = digits_of(r);
    round_to(x, digits);
    if (is_zero(x)) { strcpy(out, "0"); return; }
    if (strip) {
        while (x->n > 1 && x->d[x->n - 1] == 0) { x->n--; x->exp++; }
    }
    char *o = out;
    if (x->neg) *o++ = '-';
    int adjusted = x->n - 1 + x->exp;
    if (adjusted + 1 > digits || -x->exp > 2 * digits) {
        *o++ = (char)('0' + x->d[0]);
        if (x->n > 1) {
            *o++ = '.';
            for (int i = 1; i < x->n; i++) *o++ = (char)('0' + x->d[i]);
        }
        format(o, 16, "E%c%d", adjusted < 0 ? '-' : '+', adjusted < 0 ? -adjusted : adjusted);
        return;
    }
    if (x->exp >= 0) {
        for (int i = 0; i < x->n; i++) *o++ = (char)('0' + x->d[i]);
        for (int i = 0; i < x->exp; i++) *o++ = '0';
    } else {
        int point = x->n + x->exp;          /* digits before the point */
        if (point <= 0) {
            *o++ = '0';
            *o++ = '.';
            for (int i = 0; i < -point; i++) *o++ = '0';
            for (int i = 0; i < x->n; i++) *o++ = (char)('0' + x->d[i]);
        } else {
            for (int i = 0; i < x->n; i++) {
                if (i == point) *o++ = '.';
                *o++ = (char)('0' + x->d[i]);
            }
        }
    }
    *o = 0;
}

/* |a| compared with |b|, both at the same exponent with n digits. */
static int mag_cmp(const u8 *a, const u8 *b, int n)
{
    for (int i = 0; i < n; i++)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* Brings x to exponent e (e <= x->exp) by appending zeros; 0 if too long. */
static int widen(struct num *x, int e)
{
    int add = x->exp - e;
    if (x->n + add > ND) return 0;
    for (int i = 0; i < add; i++) x->d[x->n++] = 0;
    x->exp = e;
    return 1;
}

/* Left-pads with zeros to n digits. */
static void pad_to(struct num *x, int n)
{
    int k = n - x->n;
    if (k <= 0) return;
    memmove(x->d + k, x->d, (size_t)x->n);
    memset(x->d, 0, (size_t)k);
    x->n = n;
}

static void add(struct num *a, struct num *b, int negate_b, struct num *out, int digits)
{
    struct num x = *a, y = *b;
    if (negate_b) y.neg = !y.neg;
    round_to(&x, digits + 1);
    round_to(&y, digits + 1);
    if (is_zero(&y)) { *out = x; round_to(out, digits); return; }
    if (is_zero(&x)) { *out = y; round_to(out, digits); return; }
    int e = x.exp < y.exp ? x.exp : y.exp;
    /* A much smaller operand only matters for rounding: keep a trace of it. */
    if (!widen(&x, e) || !widen(&y, e)) {
        struct num *big = x.exp > y.exp ? &x : &y;
        *out = *big;
        round_to(out, digits);
        return;
    }
    int n = (x.n > y.n ? x.n : y.n) + 1;
    pad_to(&x, n);
    pad_to(&y, n);
    memset(out, 0, sizeof *out);
    out->n = n;
    out->exp = e;
    if (x.neg == y.neg) {
        int carry = 0;
        for (int i = n - 1; i >= 0; i--) {
            int v = x.d[i] + y.d[i] + carry;
            out->d[i] = (u8)(v % 10);
            carry = v / 10;
        }
        out->neg = x.neg;
    } else {
        struct num *big = &x, *small = &y;
        if (mag_cmp(x.d, y.d, n) < 0) { big = &y; small = &x; }
        int borrow = 0;
        for (int i = n - 1; i >= 0; i--) {
            int v = big->d[i] - small->d[i] - borrow;
            borrow = v < 0;
            out->d[i] = (u8)(v < 0 ? v + 10 : v);
        }
        out->neg = big->neg;
    }
    strip_leading(out);
    round_to(out, digits);
}

static void mul(struct num *a, struct num *b, struct num *out, int digits)
{
    struct num x = *a, y = *b;
    round_to(&x, digits);
    round_to(&y, digits);
    int acc[ND * 2];
    int n = x.n + y.n;
    memset(acc, 0, sizeof acc);
    for (int i = x.n - 1; i >= 0; i--)
        for (int j = y.n - 1; j >= 0; j--) acc[i + j + 1] += x.d[i] * y.d[j];
    for (int k = n - 1; k > 0; k--) { acc[k - 1] += acc[k] / 10; acc[k] %= 10; }
    memset(out, 0, sizeof *out);
    int start = 0;
    while (start < n - 1 && acc[start] == 0) start++;
    if (n - start > ND) n = start + ND;         /* cannot happen with DIGITS <= 40 */
    for (int k = start; k < n; k++) out->d[out->n++] = (u8)acc[k];
    out->exp = x.exp + y.exp + (x.n + y.n - n);
    out->neg = x.neg != y.neg;
    strip_leading(out);
    round_to(out, digits);
}

/* Long division of the coefficients, a digit at a time: for / until
 * DIGITS+1 significant digits (or none are left), for % down to the units. */
static void divide(struct rexx *r, struct num *a, struct num *b, struct num *q, int digits, int integer_only)
{
    struct num x = *a, y = *b;
    round_to(&x, digits);
    round_to(&y, digits);
    if (is_zero(&y)) rexx_error(r, 42);
    memset(q, 0, sizeof *q);
    u8 R[ND + 2], Y[ND + 2];
    int rn = y.n + 1;
    memset(R, 0, sizeof R);
    memset(Y, 0, sizeof Y);
    memcpy(Y + 1, y.d, (size_t)y.n);
    int taken = 0, sig = 0;
    for (int steps = 0; steps < ND + x.n; steps++) {
        int weight = x.n - (taken + 1) + x.exp - y.exp;     /* of the next quotient digit */
        if (integer_only && weight < 0) break;
        if (!integer_only && sig > digits) break;
        if (taken >= x.n) {
            int zero = 1;
            for (int i = 0; i < rn; i++) if (R[i]) { zero = 0; break; }
            if (zero && !integer_only) break;
        }
        int next = taken < x.n ? x.d[taken] : 0;
        taken++;
        memmove(R, R + 1, (size_t)rn - 1);
        R[rn - 1] = (u8)next;
        int digit = 0;
        while (mag_cmp(R, Y, rn) >= 0) {
            int borrow = 0;
            for (int i = rn - 1; i >= 0; i--) {
                int v = R[i] - Y[i] - borrow;
                borrow = v < 0;
                R[i] = (u8)(v < 0 ? v + 10 : v);
            }
            digit++;
        }
        if ((digit || sig) && q->n < ND) { q->d[q->n++] = (u8)digit; sig++; }
        q->exp = weight;
    }
    if (q->n == 0) { q->n = 1; q->d[0] = 0; q->exp = 0; }
    q->neg = x.neg != y.neg;
    strip_leading(q);
    if (!integer_only) round_to(q, digits);
}

static void power(struct rexx *r, struct num *a, i32 n, struct num *out, int digits)
{
    struct num result, base = *a;
    num_parse("1", &result);
    int neg = n < 0;
    u32 e = neg ? (u32)-n : (u32)n;
    int work = digits + 2;
    while (e) {
        if (e & 1) mul(&result, &base, &result, work);
        e >>= 1;
        if (e) mul(&base, &base, &base, work);
    }
    if (neg) {
        struct num one;
        num_parse("1", &one);
        divide(r, &one, &result, out, digits, 0);
    } else {
        *out = result;
        round_to(out, digits);
    }
}

/* A plain integer of at most 9 digits (the common case, done in a
 * register): 1 and its value, else 0. */
static int small_int(const char *s, i32 *v)
{
    int neg = *s == '-', n = 0;
    i32 x = 0;
    if (neg) s++;
    for (; *s; s++, n++) {
        if (!isdigit((u8)*s) || n == 9) return 0;
        x = x * 10 + (*s - '0');
    }
    if (!n) return 0;
    *v = neg ? -x : x;
    return 1;
}

static int fast(struct rexx *r, int op, const char *as, const char *bs, char *out)
{
    i32 a, b, c;
    if (digits_of(r) < 9 || !small_int(as, &a) || !small_int(bs, &b)) return 0;
    switch (op) {
    case OP_ADD: c = a + b; break;
    case OP_SUB: c = a - b; break;
    case OP_MUL:
        if (a > 46340 || a < -46340 || b > 46340 || b < -46340) return 0;
        c = a * b;
        break;
    case OP_IDIV: if (!b) return 0; c = a / b; break;
    case OP_REM: if (!b) return 0; c = a % b; break;
    default: return 0;
    }
    if (c > 999999999 || c < -999999999) return 0;
    format(out, 16, "%d", c);
    return 1;
}

void num_arith(struct rexx *r, int op, const char *as, const char *bs, char *out)
{
    if (fast(r, op, as, bs, out)) return;
    struct num a, b, c;
    int digits = digits_of(r);
    if (!num_parse(as, &a) || !num_parse(bs, &b)) rexx_error(r, 41);
    int strip = 0;
    switch (op) {
    case OP_ADD: add(&a, &b, 0, &c, digits); break;
    case OP_SUB: add(&a, &b, 1, &c, digits); break;
    case OP_MUL: mul(&a, &b, &c, digits); break;
    case OP_DIV: divide(r, &a, &b, &c, digits, 0); strip = 1; break;
    case OP_IDIV: case OP_REM: {
        divide(r, &a, &b, &c, digits, 1);
        if (c.n + (c.exp > 0 ? c.exp : 0) > digits) rexx_error(r, 26);
        if (op == OP_REM) {             /* a - (a % b) * b: the sign of a */
            struct num t;
            mul(&c, &b, &t, ND - 2);
            add(&a, &t, 1, &c, digits);
        }
        break;
    }
    case OP_POW: {
        i32 n;
        if (!num_whole(r, bs, &n)) rexx_error(r, 26);
        power(r, &a, n, &c, digits);
        break;
    }
    default: rexx_error(r, 35);
    }
    num_format(r, &c, out, strip);
}

int num_compare(struct rexx *r, const char *as, const char *bs, int *result)
{
    i32 x, y;
    if (small_int(as, &x) && small_int(bs, &y)) {
        *result = x < y ? -1 : x > y;
        return 1;
    }
    struct num a, b, c;
    if (!num_parse(as, &a) || !num_parse(bs, &b)) return 0;
    add(&a, &b, 1, &c, digits_of(r));
    *result = is_zero(&c) ? 0 : c.neg ? -1 : 1;
    return 1;
}

int num_is_whole(struct rexx *r, const char *s, i32 *v)
{
    if (small_int(s, v)) return 1;
    struct num x;
    if (!num_parse(s, &x)) return 0;
    round_to(&x, digits_of(r));
    i32 value = 0;
    for (int i = 0; i < x.n; i++) {
        int place = x.n - 1 - i + x.exp;     /* power of ten of this digit */
        if (place < 0) { if (x.d[i]) return 0; continue; }
        if (place > 9) return 0;
        i32 p = 1;
        for (int k = 0; k < place; k++) p *= 10;
        if (x.d[i] && value > 2000000000 - x.d[i] * p) return 0;
        value += x.d[i] * p;
    }
    *v = x.neg ? -value : value;
    return 1;
}

int num_whole(struct rexx *r, const char *s, i32 *v) { return num_is_whole(r, s, v); }
