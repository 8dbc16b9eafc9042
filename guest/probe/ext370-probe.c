/* Representative freestanding C for finding the instructions that
 * s390x-linux-gnu-gcc -m31 -march=z900 -mesa emits (the "370 extensions"
 * facility of vm67). Compiled and disassembled by
 * Tests/S370SpecTests/GCCFacilityProbeTests.swift at every optimisation level;
 * every instruction found must be in Sources/S370Spec/InstructionTable.swift. */
typedef unsigned int u32; typedef int i32; typedef unsigned long long u64; typedef long long i64;
typedef unsigned char u8; typedef unsigned short u16; typedef __SIZE_TYPE__ size_t;
void *memcpy(void *d, const void *s, size_t n); void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n); size_t strlen(const char *s);
char *strcpy(char *d, const char *s); int strcmp(const char *a, const char *b);
struct big { char b[300]; int x; };
struct bits { unsigned a:3, b:5, c:12; signed d:7; };
volatile int sink;
extern int ext(int);
int fib(int n) { return n < 2 ? n : fib(n-1) + fib(n-2); }
u64 mul64(u64 a, u64 b) { return a * b; }
i64 div64(i64 a, i64 b) { return a / b; }
u64 udiv64(u64 a, u64 b) { return a / b; }
i64 mod64(i64 a, i64 b) { return a % b; }
u64 umod64(u64 a, u64 b) { return a % b; }
u32 udiv(u32 a, u32 b) { return a / b; }
u32 umod(u32 a, u32 b) { return a % b; }
i32 sdiv(i32 a, i32 b) { return a / b; }
i32 sdiv7(i32 a) { return a / 7; }
u32 udiv10(u32 a) { return a / 10; }
u64 add64(u64 a, u64 b) { return a + b; }
u64 sub64(u64 a, u64 b) { return a - b; }
i64 neg64(i64 a) { return -a; }
u64 shl64(u64 a, int n) { return a << n; }
u64 shr64(u64 a, int n) { return a >> n; }
i64 sar64(i64 a, int n) { return a >> n; }
int cmp64(i64 a, i64 b) { return a < b; }
int ucmp64(u64 a, u64 b) { return a < b; }
u32 mulhi(u32 a, u32 b) { return (u32)(((u64)a * b) >> 32); }
i32 smul(i32 a, i32 b) { return a * b; }
i32 mulc(i32 a) { return a * 1000; }
u32 bigconst(void) { return 0x12345678; }
u32 rotl(u32 x, int n) { return (x << n) | (x >> (32 - n)); }
int clz(u32 x) { return __builtin_clz(x); }
int ctz(u32 x) { return __builtin_ctz(x); }
int pop(u32 x) { return __builtin_popcount(x); }
u32 bswap(u32 x) { return __builtin_bswap32(x); }
u16 bswap16(u16 x) { return __builtin_bswap16(x); }
int sw(int x) { switch (x) { case 0: return ext(1); case 1: return ext(7); case 2: return ext(9); case 3: return ext(11); case 4: return ext(2); case 5: return 12; case 6: return ext(5); default: return -1; } }
void cpy(struct big *a, const struct big *b) { *a = *b; }
void zero(struct big *a) { memset(a, 0, sizeof *a); }
void cpyn(char *d, const char *s, size_t n) { memcpy(d, s, n); }
void setn(char *d, int c, size_t n) { memset(d, c, n); }
int cmpn(const char *a, const char *b, size_t n) { return memcmp(a, b, n); }
int cmp16(const char *a, const char *b) { return memcmp(a, b, 16); }
size_t slen(const char *s) { return strlen(s); }
void scpy(char *d, const char *s) { strcpy(d, s); }
int scmp(const char *a, const char *b) { return strcmp(a, b); }
int bf(struct bits *b) { b->b = 7; b->d = -3; return b->a + b->c + b->d; }
u8 tolow(u8 c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
int loop(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i] * 3; return s; }
int loopb(const u8 *a, int n) { int s = 0; while (n--) s ^= *a++; return s; }
void fill(u16 *a, int n) { for (int i = 0; i < n; i++) a[i] = (u16)i; }
int tst(u32 x) { return (x & 0x8000) ? ext(1) : (x & 0x10000) ? ext(2) : 0; }
int tstb(u8 x) { return (x & 0x20) != 0; }
i32 sx8(signed char c) { return c; }
i32 sx16(short c) { return c; }
u32 zx16(u16 c) { return c; }
int (*fp)(int) = ext;
int callfp(int x) { return fp(x) + 1; }
int ternary(int a, int b) { return a > b ? a : b; }
int absval(int a) { return a < 0 ? -a : a; }
long lmin(long a, long b) { return a < b ? a : b; }
int mulov(int a, int b, int *r) { return __builtin_mul_overflow(a, b, r); }
int addov(u32 a, u32 b, u32 *r) { return __builtin_add_overflow(a, b, r); }
char gbuf[5000]; int garr[100];
int glob(int i) { return garr[i] + gbuf[i + 4000]; }
void stk(void) { char buf[5000]; for (int i = 0; i < 5000; i++) buf[i] = i; sink = buf[ext(3)]; }
int va(int n, ...) { __builtin_va_list ap; __builtin_va_start(ap, n); int s = 0; for (int i = 0; i < n; i++) s += __builtin_va_arg(ap, int); __builtin_va_end(ap); return s; }
int atomic_cas(int *p, int o, int n) { return __sync_bool_compare_and_swap(p, o, n); }
int atomic_add(int *p, int v) { return __sync_fetch_and_add(p, v); }
u64 atomic_cas64(u64 *p, u64 o, u64 n) { return __sync_val_compare_and_swap(p, o, n); }
void mv(char *d, const char *s) { __builtin_memmove(d, s, 100); }
int bigcmp(const struct big *a, const struct big *b) { return __builtin_memcmp(a, b, 300); }
u64 u64from32(u32 a) { return a; }
i64 i64from32(i32 a) { return a; }
u32 hi(u64 a) { return a >> 32; }
i32 shr(i32 a, int n) { return a >> n; }
u32 shru(u32 a, int n) { return a >> n; }
int bitscan(u32 x) { int n = 0; while (x) { n += x & 1; x >>= 1; } return n; }
int nested(int a, int b, int c) { if (a && b || c) return 1; return 0; }
