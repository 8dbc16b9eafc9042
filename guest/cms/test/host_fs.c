/* vm67 CMS host tests: the file-system C code of the nucleus, compiled for
 * the host, against the real VM/370 R6 CMS disks (../shared/guests/cms-r6,
 * uncompressed to plain CKD first; see the Makefile's host-test target).
 *
 * usage: host_fs DIR-WITH-CKD-IMAGES EXPECTED-FILES.TXT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../tools/ckdimage.h"

static int failures, checks;
#define CHECK(cond, ...) do { checks++; if (!(cond)) { failures++; printf("FAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); } } while (0)

void *fs_alloc(u32 size) { return malloc(size ? size : 1); }
void fs_free(void *p) { free(p); }
void fs_now(u8 date[4], char year[2])
{
    date[0] = 0x11; date[1] = 0x22; date[2] = 0x14; date[3] = 0x03;
    year[0] = '2'; year[1] = '6';
}

static const char *disks[] = { "cmsuser_191", "cmsuser_192", "cmsuser_195", "shared_19D" };

static unsigned popcount_map(const struct cmsdisk *d)
{
    unsigned n = 0;
    for (u32 i = 0; i < d->qmsk_bytes; i++) n += __builtin_popcount(d->qmsk[i]);
    return n;
}

/* Every block the directory and the files use is allocated in the map. */
static int consistent(struct cmsdisk *d, const char *what)
{
    int ok = 1;
    unsigned char *used = calloc(d->total + 1, 1);
    for (u32 b = 1; b <= 4; b++) used[b] = 1;
    for (int i = 0; i < d->nfstblk; i++) used[d->fstblk[i]] = 1;
    for (int i = 0; i < d->nqmskblk; i++) used[d->qmskblk[i]] = 1;
    struct fileinfo f;
    for (u32 i = 0; fs_file_at(d, i, &f); i++) {
        u16 *blocks, *links;
        u32 n, nl;
        if (fs_file_blocks(d, &f, &blocks, &n, &links, &nl)) { ok = 0; printf("  %s: %s %s unreadable\n", what, f.fname, f.ftype); continue; }
        for (u32 k = 0; k < n; k++) { if (used[blocks[k]]) { ok = 0; printf("  %s: block %u used twice\n", what, blocks[k]); } used[blocks[k]] = 1; }
        for (u32 k = 0; k < nl; k++) { if (used[links[k]]) { ok = 0; printf("  %s: link %u used twice\n", what, links[k]); } used[links[k]] = 1; }
        free(blocks);
        free(links);
    }
    for (u32 b = 1; b <= d->total && b <= d->qmsk_bytes * 8; b++) {
        int allocated = (d->qmsk[(b - 1) / 8] >> (7 - (b - 1) % 8)) & 1;
        if (used[b] && !allocated) { ok = 0; printf("  %s: block %u in use but free in the map\n", what, b); break; }
    }
    free(used);
    return ok;
}

static void test_listing(const char *dir, const char *expected_path)
{
    FILE *ef = fopen(expected_path, "r");
    CHECK(ef != NULL, "cannot open %s", expected_path);
    if (!ef) return;
    char line[256], current[64] = "";
    int expected_files = 0, matched = 0;
    struct ckdimage img;
    struct cmsdisk d;
    int mounted = 0;
    while (fgets(line, sizeof line, ef)) {
        char name[64], label[32];
        int count;
        if (sscanf(line, "== %63s %31s %d files", name, label, &count) == 3) {
            if (mounted) { fs_unmount(&d); ckd_free(&img); mounted = 0; }
            char *dot = strstr(name, ".cckd");
            if (dot) *dot = 0;
            snprintf(current, sizeof current, "%s", name);
            char path[512];
            snprintf(path, sizeof path, "%s/%s.ckd", dir, current);
            CHECK(ckd_load(&img, path) == 0, "load %s", path);
            struct blockdev dev = ckd_blockdev(&img);
            int rc = fs_mount(&d, &dev, 1);
            CHECK(rc == 0, "mount %s: %d", current, rc);
            if (rc) continue;
            mounted = 1;
            CHECK(strcmp(label + 4, d.label) == 0, "%s label %s, expected %s", current, d.label, label);
            CHECK(fs_file_count(&d) == (u32)count, "%s: %u files, expected %d", current, fs_file_count(&d), count);
            CHECK(popcount_map(&d) == d.used, "%s: map has %u bits, ADTUSED %u", current, popcount_map(&d), d.used);
            CHECK(consistent(&d, current), "%s: not consistent", current);
            continue;
        }
        char fn[16], ft[16], fm[8], recfm[4];
        unsigned lrecl, items, blocks;
        if (!mounted || sscanf(line, " %15s %15s %7s %3s %u %u %u", fn, ft, fm, recfm, &lrecl, &items, &blocks) != 7) continue;
        expected_files++;
        struct fileinfo f;
        if (!fs_find(&d, fn, ft, &f)) { CHECK(0, "%s: %s %s not found", current, fn, ft); continue; }
        CHECK(f.recfm == recfm[0] && f.lrecl == lrecl && f.items == items && f.blocks == blocks,
              "%s: %s %s is %c %u %u %u", current, fn, ft, f.recfm, f.lrecl, f.items, f.blocks);
        /* Every record of the file can be read, and there are FSTRECCT of them. */
        struct reader r;
        int rc = fs_open(&d, fn, ft, &r);
        CHECK(rc == 0, "%s: open %s %s: %d", current, fn, ft, rc);
        if (rc) continue;
        static u8 rec[65536];
        u32 n = 0;
        int len;
        u32 longest = 0;
        while ((len = fs_read(&r, rec, sizeof rec)) >= 0) { n++; if ((u32)len > longest) longest = len; }
        fs_close(&r);
        CHECK(n == items, "%s: %s %s gave %u records of %u", current, fn, ft, n, items);
        if (f.recfm == 'V') CHECK(longest <= lrecl, "%s: %s %s longest %u, LRECL %u", current, fn, ft, longest, lrecl);
        matched++;
    }
    if (mounted) { fs_unmount(&d); ckd_free(&img); }
    fclose(ef);
    CHECK(expected_files > 500, "only %d files listed", expected_files);
    printf("listing: %d of %d files match\n", matched, expected_files);
}

static int read_text(struct cmsdisk *d, const char *fn, const char *ft, char *out, size_t size)
{
    struct reader r;
    if (fs_open(d, fn, ft, &r)) return -1;
    u8 rec[256];
    int len;
    size_t at = 0;
    int n = 0;
    while ((len = fs_read(&r, rec, sizeof rec)) >= 0) {
        if (len > 255) len = 255;
        if (at + len + 2 < size) {
            from_ebcdic(out + at, rec, len);
            at += len;
            out[at++] = '\n';
        }
        n++;
    }
    out[at] = 0;
    fs_close(&r);
    return n;
}

static void test_contents(const char *dir)
{
    char path[512], text[8192];
    snprintf(path, sizeof path, "%s/cmsuser_191.ckd", dir);
    struct ckdimage img;
    struct cmsdisk d;
    if (ckd_load(&img, path)) { CHECK(0, "load %s", path); return; }
    struct blockdev dev = ckd_blockdev(&img);
    CHECK(fs_mount(&d, &dev, 1) == 0, "mount 191");
    CHECK(read_text(&d, "HELLO", "C", text, sizeof text) == 4, "HELLO C records");
    CHECK(strncmp(text, "#include <stdio.h>\n", 19) == 0, "HELLO C starts: %.40s", text);
    CHECK(strstr(text, "Good morning... from HELLO!") != NULL, "HELLO C has its printf");
    CHECK(read_text(&d, "WORKLEN", "TESTFILE", text, sizeof text) == 102, "WORKLEN TESTFILE records");
    fs_unmount(&d);
    ckd_free(&img);
}

/* Writes, replaces, renames and erases files on a copy of 191. */
static void test_writes(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/cmsuser_191.ckd", dir);
    struct ckdimage base;
    if (ckd_load(&base, path)) { CHECK(0, "load %s", path); return; }
    struct ckdimage img = ckd_copy(&base);
    struct blockdev dev = ckd_blockdev(&img);
    struct cmsdisk d;
    CHECK(fs_mount(&d, &dev, 0) == 0, "mount 191 r/w");
    u32 used_before = d.used, files_before = fs_file_count(&d);

    /* A big F 80 file: 10000 records, 1000 blocks, 4 chain links. */
    struct writer w;
    CHECK(fs_create(&d, "BIG", "DATA", '1', 'F', 80, &w) == 0, "create");
    u8 rec[200];
    for (int i = 0; i < 10000; i++) {
        char t[81];
        snprintf(t, sizeof t, "RECORD %05d", i);
        memset(rec, 0x40, 80);
        to_ebcdic(rec, t, strlen(t));
        fs_write(&w, rec, 80);
    }
    int rc = fs_commit(&w);
    CHECK(rc == 0, "commit BIG DATA: %d", rc);
    CHECK(d.used == used_before + 1000 + 3 + 1, "used %u, expected %u", d.used, used_before + 1004);
    fs_unmount(&d);
    CHECK(fs_mount(&d, &dev, 0) == 0, "remount");
    CHECK(fs_file_count(&d) == files_before + 1, "files %u", fs_file_count(&d));
    CHECK(popcount_map(&d) == d.used, "map %u, used %u", popcount_map(&d), d.used);
    CHECK(consistent(&d, "after BIG"), "consistent after BIG DATA");
    struct reader r;
    CHECK(fs_open(&d, "BIG", "DATA", &r) == 0, "open BIG DATA");
    int n = 0, good = 1;
    int len;
    while ((len = fs_read(&r, rec, sizeof rec)) >= 0) {
        char t[81], want[32];
        from_ebcdic(t, rec, 12);
        t[12] = 0;
        snprintf(want, sizeof want, "RECORD %05d", n);
        if (len != 80 || strcmp(t, want) != 0) good = 0;
        n++;
    }
    fs_close(&r);
    CHECK(n == 10000 && good, "BIG DATA read back: %d records, good %d", n, good);

    /* Replace it with V records; the old blocks come back. */
    CHECK(fs_create(&d, "BIG", "DATA", '1', 'V', 0, &w) == 0, "create V");
    for (int i = 0; i < 50; i++) {
        memset(rec, 0xC1, i + 1);
        fs_write(&w, rec, i + 1);
    }
    CHECK(fs_commit(&w) == 0, "commit V");
    struct fileinfo f;
    CHECK(fs_find(&d, "BIG", "DATA", &f) && f.recfm == 'V' && f.lrecl == 50 && f.items == 50, "V file");
    CHECK(d.used == used_before + 2 + 1, "used after replace %u (before %u)", d.used, used_before);

    /* Rename and erase. */
    CHECK(fs_rename(&d, "BIG", "DATA", "SMALL", "DATA", 0) == 0, "rename");
    CHECK(fs_rename(&d, "SMALL", "DATA", "HELLO", "C", 0) == FS_EXISTS, "rename onto an existing file");
    CHECK(!fs_find(&d, "BIG", "DATA", &f) && fs_find(&d, "SMALL", "DATA", &f), "renamed");
    CHECK(fs_erase(&d, "SMALL", "DATA") == 0, "erase");
    CHECK(fs_erase(&d, "SMALL", "DATA") == FS_NOTFOUND, "erase again");
    CHECK(d.used == used_before, "used after erase %u, before %u", d.used, used_before);
    fs_unmount(&d);
    CHECK(fs_mount(&d, &dev, 0) == 0, "remount");
    CHECK(fs_file_count(&d) == files_before && consistent(&d, "after erase"), "back to the start");
    fs_unmount(&d);
    ckd_free(&img);

    /* Many files: more FST blocks. */
    img = ckd_copy(&base);
    dev = ckd_blockdev(&img);
    CHECK(fs_mount(&d, &dev, 0) == 0, "mount");
    for (int i = 0; i < 45; i++) {
        char name[9];
        snprintf(name, sizeof name, "F%d", i);
        fs_create(&d, name, "TEST", '1', 'F', 80, &w);
        memset(rec, 0x40, 80);
        fs_write(&w, rec, 80);
        CHECK(fs_commit(&w) == 0, "commit %s", name);
    }
    CHECK(d.nfstblk == 3, "%d FST blocks", d.nfstblk);
    fs_unmount(&d);
    CHECK(fs_mount(&d, &dev, 0) == 0 && fs_file_count(&d) == files_before + 45, "45 more files");
    CHECK(consistent(&d, "45 files"), "consistent with 45 files");
    fs_unmount(&d);
    ckd_free(&img);
    ckd_free(&base);
}

/* A write that stops after any number of block writes leaves the old file
 * or the new one, and a consistent disk. */
static void test_crashes(const char *dir)
{
    char path[512], before[8192], after[8192], now[8192];
    snprintf(path, sizeof path, "%s/cmsuser_191.ckd", dir);
    struct ckdimage base;
    if (ckd_load(&base, path)) { CHECK(0, "load"); return; }
    struct ckdimage img = ckd_copy(&base);
    struct blockdev dev = ckd_blockdev(&img);
    struct cmsdisk d;
    fs_mount(&d, &dev, 0);
    read_text(&d, "PROFILE", "EXEC", before, sizeof before);
    fs_unmount(&d);
    ckd_free(&img);
    int outcomes[2] = { 0, 0 };
    for (int limit = 0; limit < 80; limit++) {
        img = ckd_copy(&base);
        dev = ckd_blockdev(&img);
        fs_mount(&d, &dev, 0);
        img.fail_after = limit;
        struct writer w;
        fs_create(&d, "PROFILE", "EXEC", '1', 'V', 0, &w);
        for (int i = 0; i < 300; i++) {
            char t[64];
            snprintf(t, sizeof t, "&TYPE NEW PROFILE LINE %d", i);
            u8 rec[64];
            to_ebcdic(rec, t, strlen(t));
            fs_write(&w, rec, strlen(t));
        }
        int rc = fs_commit(&w);
        fs_unmount(&d);
        img.fail_after = -1;
        CHECK(fs_mount(&d, &dev, 0) == 0, "mount after a crash at write %d", limit);
        int n = read_text(&d, "PROFILE", "EXEC", now, sizeof now);
        if (rc == 0 && limit < 79) { if (!after[0]) strcpy(after, now); }
        int old = strcmp(now, before) == 0, fresh = n == 300;
        CHECK(old || fresh, "crash at write %d: PROFILE EXEC is neither old nor new (%d records)", limit, n);
        CHECK(rc != 0 || fresh, "commit said done at limit %d but the file is old", limit);
        CHECK(consistent(&d, "crash"), "crash at write %d: inconsistent", limit);
        CHECK(popcount_map(&d) == d.used, "crash at write %d: map %u used %u", limit, popcount_map(&d), d.used);
        outcomes[fresh]++;
        fs_unmount(&d);
        ckd_free(&img);
    }
    CHECK(outcomes[0] > 0 && outcomes[1] > 0, "both outcomes seen: old %d new %d", outcomes[0], outcomes[1]);
    printf("crashes: old file %d times, new file %d times\n", outcomes[0], outcomes[1]);
    ckd_free(&base);
}

/* A disk made from nothing: FORMAT's layout, files on it, read back. */
static void test_format(void)
{
    struct ckdimage img;
    CHECK(ckd_create(&img, 0x50, 30, 19456, 19, 2) == 0, "create");
    struct blockdev dev = ckd_blockdev(&img);
    CHECK(fs_format(&dev, img.nblocks, 2, "new191") == 0, "format");
    struct cmsdisk d;
    CHECK(fs_mount(&d, &dev, 0) == 0, "mount the new disk");
    CHECK(strcmp(d.label, "NEW191") == 0 && d.total == 1140 && d.used == 5 && fs_file_count(&d) == 0,
          "new disk: %s %u %u", d.label, d.total, d.used);
    struct writer w;
    u8 rec[80];
    memset(rec, 0xC1, 80);
    for (int f = 0; f < 30; f++) {
        char name[9];
        snprintf(name, sizeof name, "FILE%d", f);
        fs_create(&d, name, "DATA", '1', 'F', 80, &w);
        for (int i = 0; i < 100; i++) fs_write(&w, rec, 80);
        CHECK(fs_commit(&w) == 0, "write %s", name);
    }
    fs_unmount(&d);
    CHECK(fs_mount(&d, &dev, 0) == 0 && fs_file_count(&d) == 30, "30 files");
    CHECK(consistent(&d, "formatted") && popcount_map(&d) == d.used, "consistent");
    /* Until it is full: the disk says so and stays consistent. */
    int rc = 0, n = 0;
    while (!rc && n < 100) {
        char name[9];
        snprintf(name, sizeof name, "BIG%d", n++);
        fs_create(&d, name, "DATA", '1', 'F', 80, &w);
        for (int i = 0; i < 1000 && !rc; i++) rc = fs_write(&w, rec, 80);
        rc = rc ? (fs_abandon(&w), fs_rollback(&d), rc) : fs_commit(&w);
    }
    CHECK(rc == FS_FULL, "full: %d after %d files", rc, n);
    CHECK(consistent(&d, "full") && popcount_map(&d) == d.used, "consistent when full");
    fs_unmount(&d);
    ckd_free(&img);
}

static void test_match(void)
{
    CHECK(fs_match("*", "PROFILE"), "*");
    CHECK(fs_match("PRO*", "PROFILE"), "PRO*");
    CHECK(fs_match("%ROFILE", "PROFILE"), "%%");
    CHECK(!fs_match("PRO", "PROFILE"), "PRO");
    CHECK(fs_match("*E", "PROFILE"), "*E");
}

int main(int argc, char **argv)
{
    if (argc != 3) { fprintf(stderr, "usage: host_fs CKD-DIR EXPECTED-FILES\n"); return 2; }
    (void)disks;
    test_match();
    test_format();
    test_listing(argv[1], argv[2]);
    test_contents(argv[1]);
    test_writes(argv[1]);
    test_crashes(argv[1]);
    printf("%d checks, %d failures\n", checks, failures);
    return failures ? 1 : 0;
}
