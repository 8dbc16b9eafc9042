/* vm67 CMS: accessed disks (A–Z), their DASD I/O through DIAGNOSE X'18',
 * and file identifiers. */
#ifndef DISKS_H
#define DISKS_H
#include "cmsfs.h"

struct adisk {
    int active;
    char mode;          /* A–Z */
    char parent;        /* the disk this one extends, or 0 */
    u32 vaddr;
    u32 devtype;        /* 0x3350 ... */
    u32 heads, per_track;
    struct cmsdisk fs;
};

/* The disk accessed as `mode`, or NULL. */
struct adisk *disk_at(char mode);
/* Accesses the disk at vaddr as mode (parent: an extension of it, or 0);
 * 0, or a CMS return code after saying why not. */
int disk_access(u32 vaddr, char mode, char parent, int quiet);
void disk_release(char mode);
/* The DASD at vaddr (geometry from DIAGNOSE X'24' into d): 0, or -1 when
 * there is no such disk. */
int disk_device(u32 vaddr, struct adisk *d, int *readonly);
struct blockdev disk_blockdev(struct adisk *d);
u32 disk_cylinders(struct adisk *d);
/* The accessed disks in search order (A..Z); returns how many. */
int disk_search_order(struct adisk **out);
const char *disk_type_name(u32 devtype);

/* A file identifier: names in upper case, mode letter (or '*') and digit. */
struct fileid {
    char fn[9], ft[9];
    char mode;          /* 'A'..'Z' or '*' */
    char digit;         /* '0'..'9' or 0 */
};
/* Fills id from tokens[first..]: fn ft [fm]; missing fm gives default_mode.
 * Returns the number of tokens used (0 when fn or ft is missing). */
int fileid_parse(struct plist *p, int first, char default_mode, struct fileid *id);
/* The first accessed disk (in search order, or the given mode) holding the
 * file; f gets its FST. */
struct adisk *file_locate(const struct fileid *id, struct fileinfo *f);
/* "FN FT M" (with the mode letter as given). */
void fileid_text(char *out, const struct fileid *id);
/* Says DMSxxx037E for a read-only disk and returns 1, or returns 0. */
int disk_readonly_message(const char *module, struct adisk *d);

#endif
