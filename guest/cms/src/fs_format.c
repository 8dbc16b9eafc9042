/* vm67 CMS file system: an empty CMS disk — IPL blocks 1–2 zero, the label
 * `CMS=volid` in block 3, the MFD in block 4 listing one empty FST block
 * (block 5), blocks 1–5 allocated. Block numbers are halfwords and X'FFFD'
 * to X'FFFF' are list markers, so a disk holds at most 65531 blocks (as the
 * real 115-cylinder 3350 minidisks say). */
#include "cmsfs.h"

int fs_format(const struct blockdev *dev, u32 blocks, u32 cylinders, const char *label)
{
    u8 b[CMS_BLOCK];
    if (blocks > 65531) blocks = 65531;
    if (blocks < 6) return FS_FULL;
    memset(b, 0, CMS_BLOCK);
    for (u32 n = 1; n <= 2; n++)
        if (dev->write(dev->ctx, n, b)) return FS_IOERROR;
    if (dev->write(dev->ctx, 5, b)) return FS_IOERROR;
    char text[10] = "CMS=      ";
    for (int i = 0; i < 6 && label[i]; i++) text[4 + i] = (char)toupper((u8)label[i]);
    to_ebcdic(b, text, 10);
    if (dev->write(dev->ctx, 3, b)) return FS_IOERROR;
    memset(b, 0, CMS_BLOCK);
    put16(b, 5);
    put16(b + 2, 0xFFFF);
    put32(b + MFD_ADTNUM, blocks);
    put32(b + MFD_ADTNUM + 4, 5);
    put32(b + MFD_ADTNUM + 8, blocks - 5);
    put32(b + MFD_ADTNUM + 12, 0);
    put32(b + MFD_ADTNUM + 16, cylinders);
    b[MFD_QMSK] = 0xF8;         /* blocks 1-5 */
    if (dev->write(dev->ctx, MFD_BLOCK, b)) return FS_IOERROR;
    return FS_OK;
}
