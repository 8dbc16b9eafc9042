/* vm67 CMS: IPL, the greeting, and the command loop. */
#include "cms.h"

extern char __bss_start[], __bss_end[];

struct settings settings;

static char line[160];

void cms_main(void);
void cms_main(void)
{
    memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
    settings.impcp = 1;
    settings.blipchar = '*';
    svc_sp = (u32)__svc_stack_top;
    storage_init();
    sayf("VM67 CMS RELEASE %s", CMS_RELEASE);
    ready_reset();
    ready_message(0);
    for (;;) {
        if (cms_setjmp(command_loop)) {
            abend_reset();
            ready_message(abend_rc());
            continue;
        }
        int n = cons_read(line, sizeof line);
        while (n && line[n - 1] == ' ') line[--n] = 0;
        if (n == 0) continue;
        int rc = run_command(line);
        ready_message(rc);
    }
}
