/* vm67 CMS: IPL, the greeting, and the command loop. */
#include "cms.h"
#include "disks.h"
#include "attention.h"

extern char __bss_start[], __bss_end[];

struct settings settings;

static char line[160];

/* The IPL PARM text holds `word`. */
static int parm_has(const char *word)
{
    char text[17];
    from_ebcdic(text, ipl_parm, 16);
    text[16] = 0;
    for (int i = 0; i < 16; i++) text[i] = (char)toupper((u8)text[i]);
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= 16; i++)
        if (memcmp(text + i, word, n) == 0) return 1;
    return 0;
}

static int run_profile(void)
{
    if (!exec_exists("PROFILE")) return 0;
    return exec_run("PROFILE", "");
}

/* `ACCESS ... (NOPROF`: the option comes out of the line; 1 when it was there. */
static int noprof(char *text)
{
    char up[160];
    size_t n = strlen(text);
    for (size_t i = 0; i <= n; i++) up[i] = (char)toupper((u8)text[i]);
    if (strncmp(up, "ACC", 3) != 0) return 0;
    for (size_t i = 0; i + 6 <= n; i++)
        if (memcmp(up + i, "NOPROF", 6) == 0) {
            memmove(text + i, text + i + 6, n - i - 5);
            size_t m = strlen(text);
            while (m && (text[m - 1] == ' ' || text[m - 1] == '(')) text[--m] = 0;
            /* ACCESS alone: nothing more to do. */
            size_t w = 0;
            while (text[w] && text[w] != ' ') w++;
            if (!text[w]) text[0] = 0;
            return 1;
        }
    return 0;
}

void cms_main(void);
void cms_main(void)
{
    memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
    settings.impcp = 1;
    settings.impex = 1;
    settings.blipchar = '*';
    svc_sp = (u32)__svc_stack_top;
    storage_init();
    sayf("VM67 CMS RELEASE %s", CMS_RELEASE);
    /* The system disk S (190) and its extension Y (19E) when there are, the A-disk (191). */
    u32 v, r;
    if (diag_device_type(0x190, &v, &r) == 0) disk_access(0x190, 'S', 0, 1);
    if (diag_device_type(0x19E, &v, &r) == 0) disk_access(0x19E, 'Y', 'S', 1);
    if (diag_device_type(0x191, &v, &r) == 0 && disk_access(0x191, 'A', 0, 0) == 88)
        say("DMSINI080I YOUR A-DISK IS NEW: ENTER 'FORMAT 191 A' TO FORMAT IT FOR CMS FILES");
    ready_reset();
    /* PROFILE EXEC (in the search order: the user's on A, else the system's
     * on S) runs before the first command read after IPL, or at once with
     * IPL ... PARM AUTOCR; `ACCESS (NOPROF` as the first command skips it. */
    int profile = 1, autocr = parm_has("AUTOCR");
    if (!autocr) ready_message(0);
    for (;;) {
        int halted = cms_setjmp(command_loop);
        if (halted) {
            exec_depth = 0;
            user_program_depth = 0;
            profile = autocr = 0;
            abend_reset();
            ready_message(halted == 2 ? 0 : abend_rc());    /* 2: HX (attention.c) */
            continue;
        }
        if (autocr) {           /* inside the loop: HX or an abend in it comes back here */
            profile = autocr = 0;
            ready_message(run_profile());
            continue;
        }
        int n = cons_read(line, sizeof line);
        while (n && line[n - 1] == ' ') line[--n] = 0;
        if (profile) {
            profile = 0;
            if (noprof(line)) {
                n = (int)strlen(line);
                if (n == 0) {
                    ready_message(0);
                    continue;
                }
            } else {
                int rc = run_profile();
                if (n == 0) {
                    ready_message(rc);
                    continue;
                }
            }
        }
        if (n == 0) continue;
        int rc = run_command(line);
        ready_message(rc);
    }
}
