/* vm67 CMS: a C program run by LOAD and START (VM67CMSProgramTests): gcc -m31
 * -fno-pic -fexec-charset=IBM037, made a TEXT deck by tools/elf2text.py.
 * OS linkage at CMSENTRY with a stack of its own, the terminal through SVC
 * 202 TYPLIN, a routine in assembler (ASMADD) called through a V-type
 * constant. */
static char stack[8192] __attribute__((aligned(8), used));
unsigned int cms_caller_r13;

__asm__(
    "    .text\n"
    "    .globl cmsentry\n"
    "cmsentry:\n"
    "    stm   %r14,%r12,12(%r13)\n"
    "    lr    %r2,%r1\n"
    "    larl  %r1,cms_caller_r13\n"
    "    st    %r13,0(%r1)\n"
    "    larl  %r15,stack+8192-96\n"
    "    xc    0(4,%r15),0(%r15)\n"
    "    brasl %r14,cmain\n"
    "    larl  %r1,cms_caller_r13\n"
    "    l     %r13,0(%r1)\n"
    "    lr    %r15,%r2\n"
    "    l     %r14,12(%r13)\n"
    "    lm    %r0,%r12,20(%r13)\n"
    "    br    %r14\n");

int asmadd(int a, int b);
int cmain(const char *plist);

static void type(const char *text)
{
    struct { char name[8]; const char *line; unsigned int length; } pl = { "TYPLIN  ", text, 0 };
    unsigned int n = 0;
    while (text[n]) n++;
    pl.line = (const char *)((unsigned int)text | 0x01000000);
    pl.length = ((unsigned int)'B' << 24) | n;
    register void *r1 __asm__("1") = &pl;
    /* SVC 202 gives its return code in R15, the C stack pointer: kept in R0. */
    __asm__ volatile("lr 0,15\n\tsvc 202\n\t.long 1\n\tlr 15,0" : "+d"(r1) : "m"(pl) : "0", "cc", "memory");
}

static long factorial(int n) { return n <= 1 ? 1 : n * factorial(n - 1); }

/* A table of addresses: relocated by the loader (RLD A-type). */
const char *const number_words[] = { "ZERO", "ONE", "TWO", "THREE" };

static char *decimal(char *out, long v)
{
    char digits[12];
    int n = 0;
    do digits[n++] = (char)('0' + v % 10); while ((v /= 10) != 0);
    while (n) *out++ = digits[--n];
    *out = 0;
    return out;
}

int cmain(const char *plist)
{
    static char line[80];
    char *p = line;
    const char *intro = "C SAYS 10! = ";
    while (*intro) *p++ = *intro++;
    decimal(p, factorial(10));
    type(line);
    int tokens = 0;
    while ((unsigned char)plist[8 * tokens] != 0xFF && tokens < 3) tokens++;
    type(number_words[tokens]);
    return asmadd(40, 2);
}
