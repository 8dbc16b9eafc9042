/* vm67 CMS: HELP [command] — types `name HELPCMD` from the accessed disks
 * (the system disk holds one for every command); HELP alone types the list
 * of commands, CMS HELPCMD. An abbreviation means its command. */
#include "commands.h"
#include "disks.h"

int cmd_help(struct plist *p)
{
    struct fileid id;
    memset(&id, 0, sizeof id);
    const char *topic = p->count > 1 ? p->token[1] : "CMS";
    const struct command *c = command_lookup(topic);
    strcpy(id.fn, c ? c->name : topic);
    strcpy(id.ft, "HELPCMD");
    id.mode = '*';
    struct fileinfo f;
    struct adisk *d = file_locate(&id, &f);
    if (!d) {
        sayf("DMSHLP002E NO HELP AVAILABLE FOR '%s'", id.fn);
        say("DMSHLP003I ENTER 'HELP' FOR THE LIST OF COMMANDS");
        return 28;
    }
    struct reader *r = cms_alloc(sizeof *r);
    u8 *rec = cms_alloc(256);
    char *text = cms_alloc(256);
    int rc = r && rec && text ? fs_open(&d->fs, f.fname, f.ftype, r) : FS_NOMEMORY;
    if (!rc) {
        int len;
        while ((len = fs_read(r, rec, 255)) >= 0) {
            if (len > 255) len = 255;
            from_ebcdic(text, rec, (size_t)len);
            while (len && text[len - 1] == ' ') len--;
            cons_write(text, (size_t)len);
        }
        fs_close(r);
    } else {
        sayf("DMSHLP104S ERROR %d READING FILE '%s HELPCMD %c'", rc, f.fname, d->mode);
        rc = 100;
    }
    cms_free(text);
    cms_free(rec);
    cms_free(r);
    return rc;
}
