/* vm67 CMS: attention handling (see attention.h). The I/O handler only
 * notes the attention (io.c); the line is read and acted on here, either
 * at the nucleus's next console I/O or EXEC line, or at once when a user
 * program was running (it runs enabled for I/O, program.c). */
#include "attention.h"
#include "loader.h"

volatile int attention_typing_halted;
volatile int attention_exec_halt;
static volatile int halt_pending;      /* HX typed while a nucleus command ran */
static int polling;         /* attention_poll is at work (its own output must not poll) */

static int is_word(const char *line, const char *word)
{
    while (*line == ' ') line++;
    size_t n = strlen(word);
    for (size_t i = 0; i < n; i++)
        if (toupper((u8)line[i]) != word[i]) return 0;
    for (line += n; *line; line++)
        if (*line != ' ') return 0;
    return 1;
}

static void halt_execution(void) __attribute__((noreturn));
static void halt_execution(void)
{
    attention_typing_halted = 0;
    attention_exec_halt = 0;
    halt_pending = 0;
    polling = 0;
    user_program_depth = 0;
    program_reset();                    /* its storage and open files go */
    say("CMS");
    /* Whatever SVCs were nested are gone with the program. */
    svc_sp = (u32)__svc_stack_top;
    cms_longjmp(command_loop, 2);       /* main.c: Ready with return code 0 */
}

static void take_line(void)
{
    char line[132];
    int n = cons_read_terminal(line, sizeof line);
    line[n] = 0;
    if (is_word(line, "HX")) {
        if (user_program_depth) halt_execution();
        /* A nucleus command: it ends untyped (EXECs stop) and frees what it took. */
        halt_pending = attention_typing_halted = attention_exec_halt = 1;
    } else if (is_word(line, "HT")) attention_typing_halted = 1;
    else if (is_word(line, "RT")) attention_typing_halted = 0;
    else if (is_word(line, "HI")) attention_exec_halt = 1;
    else if (is_word(line, "SO")) {}    /* no tracing to suspend */
    else stack_push(line, 0);           /* read by the next console read */
}

void attention_poll(void)
{
    if (polling) return;
    polling = 1;
    while (io_take_attention()) take_line();
    polling = 0;
}

/* Enabling is a privileged instruction CP simulates, so not at every poll:
 * the nucleus's I/O waits take an attention anyway. */
void attention_poll_now(void)
{
    if (polling) return;
    io_window();
    attention_poll();
}

void attention_interrupt(void)
{
    while (io_take_attention()) take_line();
}

int attention_ready(void)
{
    int halted = halt_pending;
    attention_typing_halted = 0;
    attention_exec_halt = 0;
    halt_pending = 0;
    if (halted) say("CMS");
    return halted;
}

int attention_halt_pending(void) { return halt_pending; }

void attention_halt_now(void)
{
    if (halt_pending) halt_execution();
}
