/* vm67 CMS REXX: what the interpreter's files share. */
#ifndef REXX_INT_H
#define REXX_INT_H
/* Size over speed: the interpreter is large and the nucleus must stay small. */
#pragma GCC optimize ("Os")
#include "cms.h"
#include "rexx.h"

/* ---- tokens (rexx_lex.c) ---- */
enum { T_EOC, T_SYM, T_STR, T_OP, T_LPAREN, T_RPAREN, T_COMMA, T_COLON, T_END };
enum {
    OP_NONE, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_IDIV, OP_REM, OP_POW, OP_CAT,
    OP_EQ, OP_NE, OP_GT, OP_LT, OP_GE, OP_LE,
    OP_SEQ, OP_SNE, OP_SGT, OP_SLT, OP_SGE, OP_SLE,
    OP_AND, OP_OR, OP_XOR, OP_NOT
};
struct token {
    u8 type;
    u8 blank;           /* a blank (or comment) came before it */
    u8 op;              /* T_OP: which */
    u8 hex;             /* T_STR: it was a hex or binary string */
    int len;
    int line;           /* source line, from 1 */
    char *text;         /* symbols upper case; strings their value */
};
struct program {
    struct token *tok;
    int ntok;
    char *arena;
    int *labels;        /* token indexes of the labels (rexx_find_label) */
    int nlabels;
};
struct rexx;
/* Tokenizes text (lines separated by '\n'); errors go through rexx_error. */
void rexx_tokenize(struct rexx *r, const char *text, int first_line, struct program *p);

/* ---- numbers (rexx_num.c) ---- */
#define NUM_DIGITS_MAX 40
#define ND 100
struct num { int neg, exp, n; u8 d[ND]; };      /* (-1)^neg * d[0..n-1] * 10^exp */
int num_parse(const char *s, struct num *x);
void num_format(struct rexx *r, struct num *x, char *out, int strip);
/* a op b for + - * / % // ** into out (a formatted string, ND+20 bytes). */
void num_arith(struct rexx *r, int op, const char *a, const char *b, char *out);
int num_compare(struct rexx *r, const char *a, const char *b, int *result);   /* 0 if not both numbers */
/* A whole number (Error 26 otherwise, naming nothing). */
int num_whole(struct rexx *r, const char *s, i32 *v);
int num_is_number(const char *s);
int num_is_whole(struct rexx *r, const char *s, i32 *v);

/* ---- variables (rexx_var.c) ---- */
struct var;
struct pool { struct var *bucket[32]; };
struct pool *pool_new(struct rexx *r);
void pool_free(struct rexx *r, struct pool *p);
/* name is a resolved name: SIMPLE, STEM. or STEM.tail */
const char *var_get(struct rexx *r, const char *name);
void var_set(struct rexx *r, const char *name, const char *value);
void var_drop(struct rexx *r, const char *name);
void var_expose(struct rexx *r, struct pool *into, struct pool *from, const char *name);
/* The symbol's name with a compound's tail substituted (allocated). */
char *var_resolve(struct rexx *r, const char *symbol);
/* The symbol's value (its name when it has none). */
char *sym_value(struct rexx *r, const char *symbol);

/* ---- the interpreter state ---- */
struct act {
    struct act *caller;
    struct pool *pool;
    char **args;
    int nargs;
    int call_type;      /* 0 main, 1 CALL, 2 function */
    int clauses;        /* clauses run: PROCEDURE only first */
    int loops;          /* active DO loops */
    int call_line;      /* the calling clause's line (traceback) */
    int digits;
    char address[9], other_address[9];
};
enum { CTL_NONE, CTL_LEAVE, CTL_ITERATE, CTL_RETURN, CTL_SIGNAL };
struct rexx {
    struct program main, *prog;
    char **lines;
    int nlines;
    char fn[9], fm[3];
    struct act *act;
    int depth;
    int line;           /* the clause being run */
    int ctl;
    char *ctl_name;     /* LEAVE/ITERATE name */
    int signal_to;
    char *result;
    int has_result;
    jmpbuf out;         /* EXIT and errors */
    int exit_rc;
    int trace;          /* 'O' 'N' 'E' 'C' */
    u8 trap_error, trap_failure, trap_halt;     /* SIGNAL ON */
    u32 stack_low;
    struct alloc *allocs;
    struct small *free_blocks[6];
    u8 *chunk;
    u32 chunk_left;
};

/* Storage that the interpreter frees all at once at the end. */
void *rx_alloc(struct rexx *r, u32 n);
void *rx_zalloc(struct rexx *r, u32 n);
void rx_free(struct rexx *r, void *p);
char *rx_strdup(struct rexx *r, const char *s);
char *rx_strndup(struct rexx *r, const char *s, int n);
void rexx_error(struct rexx *r, int number) __attribute__((noreturn));
const char *rexx_error_text(int number);
void rexx_check_stack(struct rexx *r);
void rexx_check_command_stack(struct rexx *r);

/* rexx_expr.c */
char *rexx_eval(struct rexx *r, int from, int to);     /* the whole range must be one expression */
int rexx_truth(struct rexx *r, const char *v);          /* 0 or 1, else Error 34 */
char *rexx_call(struct rexx *r, const char *name, int string_name, char **args, int nargs, int function);

/* rexx_bif.c: NULL when there is no such built-in function */
char *rexx_builtin(struct rexx *r, const char *name, char **args, int nargs, int *found);

/* rexx_exec.c */
int rexx_run_instruction(struct rexx *r, int pc);
void rexx_run_routine(struct rexx *r, int pc);
int rexx_find_label(struct rexx *r, const char *name);
int rexx_command(struct rexx *r, const char *env, const char *command);

/* rexx_parse.c: PARSE templates */
void rexx_parse_template(struct rexx *r, char **sources, int nsources, int from, int to);

#endif
