/* vm67 CMS: IPL, the greeting, and the command loop. */
#include "cms.h"
#include "disks.h"

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
    /* The system disk S (190) and its extension Y (19E) when there are, the A-disk (191). */
    u32 v, r;
    if (diag_device_type(0x190, &v, &r) == 0) disk_access(0x190, 'S', 0, 1);
    if (diag_device_type(0x19E, &v, &r) == 0) disk_access(0x19E, 'Y', 'S', 1);
    if (diag_device_type(0x191, &v, &r) == 0) disk_access(0x191, 'A', 0, 0);
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
