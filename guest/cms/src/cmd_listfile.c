/* vm67 CMS: LISTFILE [fn [ft [fm]]] [(LABEL | DATE | HEADER)] — the files
 * whose names match (* any run, % any one character), in search order. */
#include "commands.h"
#include "disks.h"

static u32 unbcd(u8 b) { return (u32)(b >> 4) * 10 + (b & 15); }

int cmd_listfile(struct plist *p)
{
    const char *fn = "*", *ft = "*";
    char mode = 'A';
    int label = 0, date = 0, header = 0;
    int i = 1;
    if (i < p->count && p->token[i][0] != '(') fn = p->token[i++];
    if (i < p->count && p->token[i][0] != '(') ft = p->token[i++];
    if (i < p->count && p->token[i][0] != '(') mode = p->token[i++][0];
    for (; i < p->count; i++) {
        const char *o = p->token[i];
        if (o[0] == '(' || o[0] == ')') continue;
        if (abbrev(o, "LABEL", 1)) label = 1;
        else if (abbrev(o, "DATE", 1)) date = 1;
        else if (abbrev(o, "HEADER", 1)) header = 1;
        else {
            sayf("DMSLST003E INVALID OPTION '%s'", o);
            return 24;
        }
    }
    struct adisk *list[26];
    int n = disk_search_order(list);
    int found = 0;
    if (mode != '*' && !disk_at(mode)) {
        sayf("DMSLST069E DISK '%c' NOT ACCESSED", mode);
        return 36;
    }
    for (int k = 0; k < n; k++) {
        struct adisk *d = list[k];
        if (mode != '*' && d->mode != mode && d->parent != mode) continue;
        struct fileinfo f;
        for (u32 x = 0; fs_file_at(&d->fs, x, &f); x++) {
            if (!fs_match(fn, f.fname) || !fs_match(ft, f.ftype)) continue;
            if (!found && header && (label || date))
                say(label ? "FILENAME FILETYPE FM FORMAT LRECL   RECS BLOCKS   DATE     TIME LABEL"
                          : "FILENAME FILETYPE FM FORMAT LRECL   RECS BLOCKS   DATE     TIME");
            found++;
            if (label || date) {
                char line[128];
                format(line, sizeof line, "%-8s %-8s %c%c %c %5u %6u %6u %02u/%02u/%s %2u:%02u",
                       f.fname, f.ftype, d->mode, f.fmode_digit, f.recfm, f.lrecl, f.items, f.blocks,
                       unbcd(f.date[0]), unbcd(f.date[1]), f.year, unbcd(f.date[2]), unbcd(f.date[3]));
                if (label) sayf("%s %s", line, d->fs.label);
                else say(line);
            } else {
                sayf("%-8s %-8s %c%c", f.fname, f.ftype, d->mode, f.fmode_digit);
            }
        }
    }
    if (!found) {
        say("DMSLST002E FILE NOT FOUND");
        return 28;
    }
    return 0;
}
