/* vm67 CMS: makes an IPL-able CMS system disk (the 190) on the host.
 *
 *   mkcmsdisk OUT.ckd CYLINDERS LABEL BOOT.bin NUCLEUS.nss [FN FT FM FILE]...
 *   mkcmsdisk OUT.ckd CYLINDERS LABEL - - [FN FT FM FILE]...   (no nucleus: a plain disk)
 *
 * OUT is a Hercules CKD image of a 3350 (30 heads, 19 records of 800 bytes
 * per track, as CMS FORMAT leaves it). The disk gets the CMS format (label,
 * MFD, allocation map), the nucleus as the file CMSNUC NUCLEUS (F 800: one
 * record per block, the pages of the named saved system after its header),
 * the text FILEs given (V records, one a line), and the IPL records: block 1
 * the IPL PSW and a CCW that reads block 2, block 2 the bootstrap
 * (boot/boot.c) with the nucleus's place filled in. The same file-system
 * code as the nucleus writes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ckdimage.h"

#define HEADS 30
#define PER_TRACK 19
#define TRACK_SIZE 19456
#define BOOT_ADDRESS 0x80000

void *fs_alloc(u32 size) { return calloc(1, size ? size : 1); }
void fs_free(void *p) { free(p); }
void fs_now(u8 date[4], char year[2])
{
    /* A fixed date keeps the image reproducible. */
    date[0] = 0x01; date[1] = 0x01; date[2] = 0x00; date[3] = 0x00;
    year[0] = '2'; year[1] = '6';
}

static unsigned char *slurp(const char *path, long *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END);
    *size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *data = malloc(*size + 1);
    if (fread(data, 1, *size, f) != (size_t)*size) { perror(path); exit(1); }
    fclose(f);
    data[*size] = 0;
    return data;
}

static void fail(const char *what, int rc)
{
    fprintf(stderr, "mkcmsdisk: %s: error %d\n", what, rc);
    exit(1);
}

static void put32be(unsigned char *p, unsigned v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }

/* The nucleus as CMSNUC NUCLEUS: its pages from address 0, 800 bytes a record. */
static void write_nucleus(struct cmsdisk *disk, const unsigned char *nss, long nss_size)
{
    if (nss_size < 8192 || nss_size % 4096) fail("the nucleus is not a saved system", 0);
    struct writer w;
    int rc;
    if ((rc = fs_create(disk, "CMSNUC", "NUCLEUS", '2', 'F', 800, &w))) fail("create CMSNUC", rc);
    long pages = nss_size - 4096;
    for (long at = 0; at < pages; at += 800) {
        unsigned char rec[800] = { 0 };
        memcpy(rec, nss + 4096 + at, pages - at < 800 ? pages - at : 800);
        if ((rc = fs_write(&w, rec, 800))) fail("write CMSNUC", rc);
    }
    if ((rc = fs_commit(&w))) fail("commit CMSNUC", rc);
}

int main(int argc, char **argv)
{
    if (argc < 6 || (argc - 6) % 4) {
        fprintf(stderr, "usage: mkcmsdisk OUT.ckd CYLINDERS LABEL BOOT.bin NUCLEUS.nss [FN FT FM FILE]...\n");
        return 2;
    }
    unsigned cylinders = atoi(argv[2]);
    struct ckdimage img;
    if (cylinders < 1 || ckd_create(&img, 0x50, HEADS, TRACK_SIZE, PER_TRACK, cylinders)) fail("geometry", 0);
    struct blockdev dev = ckd_blockdev(&img);
    int rc = fs_format(&dev, img.nblocks, cylinders, argv[3]);
    if (rc) fail("format", rc);
    struct cmsdisk disk;
    if ((rc = fs_mount(&disk, &dev, 0))) fail("mount", rc);

    /* "- -" for the bootstrap and nucleus: a plain CMS disk (the 19E). */
    int bootable = strcmp(argv[4], "-") != 0 || strcmp(argv[5], "-") != 0;
    struct writer w;
    long nss_size = 0, boot_size = 0;
    unsigned char *nss = NULL, *boot = NULL;
    if (bootable) {
        nss = slurp(argv[5], &nss_size);
        boot = slurp(argv[4], &boot_size);
        write_nucleus(&disk, nss, nss_size);
    }
    if (boot_size > 800) fail("the bootstrap is longer than 800 bytes", (int)boot_size);

    /* Text files. */
    for (int i = 6; i < argc; i += 4) {
        long size;
        unsigned char *text = slurp(argv[i + 3], &size);
        char fn[9], ft[9];
        snprintf(fn, sizeof fn, "%s", argv[i]);
        snprintf(ft, sizeof ft, "%s", argv[i + 1]);
        for (char *c = fn; *c; c++) *c = toupper(*c);
        for (char *c = ft; *c; c++) *c = toupper(*c);
        char digit = argv[i + 2][1] ? argv[i + 2][1] : '1';
        if ((rc = fs_create(&disk, fn, ft, digit, 'V', 0, &w))) fail(argv[i + 3], rc);
        char *line = (char *)text;
        while (*line) {
            char *end = strchr(line, '\n');
            size_t n = end ? (size_t)(end - line) : strlen(line);
            u8 rec[256];
            if (n > 255) n = 255;
            rec[0] = 0x40;                      /* an empty line is one blank */
            to_ebcdic(rec, line, n);
            if ((rc = fs_write(&w, rec, n ? n : 1))) fail(argv[i + 3], rc);
            line = end ? end + 1 : line + n;
        }
        if ((rc = fs_commit(&w))) fail(argv[i + 3], rc);
        free(text);
    }

    if (!bootable) {
        fs_unmount(&disk);
        if (ckd_save(&img, argv[1])) { perror(argv[1]); return 1; }
        printf("mkcmsdisk: %s: %u cylinders, %s, %d files\n", argv[1], cylinders, argv[3], (argc - 6) / 4);
        return 0;
    }

    /* The IPL records. */
    unsigned entry = (unsigned)nss[4] << 24 | nss[5] << 16 | nss[6] << 8 | nss[7];
    struct fileinfo f;
    if (!fs_find(&disk, "CMSNUC", "NUCLEUS", &f)) fail("CMSNUC vanished", 0);
    unsigned char block[800] = { 0 };
    memcpy(block, boot, boot_size);
    put32be(block + 0, f.fcl);
    put32be(block + 4, f.blocks);
    put32be(block + 8, PER_TRACK);
    put32be(block + 12, HEADS);
    put32be(block + 16, entry & 0x00FFFFFF);
    put32be(block + 20, 0);
    if (dev.write(dev.ctx, 2, block)) fail("block 2", 0);
    memset(block, 0, sizeof block);
    put32be(block + 0, 0x00000000);                 /* IPL PSW: BC, disabled, key 0 */
    put32be(block + 4, BOOT_ADDRESS + 0x20);
    put32be(block + 8, 0x06000000 | BOOT_ADDRESS);  /* READ DATA block 2, SILI */
    put32be(block + 12, 0x20000320);
    if (dev.write(dev.ctx, 1, block)) fail("block 1", 0);
    fs_unmount(&disk);
    if (ckd_save(&img, argv[1])) { perror(argv[1]); return 1; }
    printf("mkcmsdisk: %s: %u cylinders, %s, nucleus %u blocks from block %u, entry %06X\n", argv[1], cylinders,
           argv[3], f.blocks, f.fcl, entry & 0xFFFFFF);
    return 0;
}
