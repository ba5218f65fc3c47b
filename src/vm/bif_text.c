/* bif_text.c - Unicode text for the String module: case mapping,
 * grapheme clusters, code points, whitespace, and :unicode conversions.
 *
 * Strings are UTF-8 binaries.  As in Elixir, a byte that is not valid
 * UTF-8 is kept as it is and counts as one code point and one grapheme,
 * so no function here fails on invalid input.
 *
 * The tables below are generated from Elixir 1.14 itself (OTP 25, Unicode
 * 14), so the results are Elixir's by construction:
 *   - case mapping: String.upcase/downcase/capitalize of every code point;
 *     single-code-point mappings are runs {first, last, stride, delta},
 *     the few that expand (ß -> SS) are listed whole;
 *   - grapheme-break classes: observed with String.graphemes/1 on pairs
 *     (does a combining acute attach? does ZWJ + heart join? ...), compressed
 *     into ranges; Hangul syllables are classified arithmetically.
 * The generator scripts are at the end of this file, in a comment.
 *
 * Grapheme clusters follow UAX #29's extended rules GB3-GB13 as OTP 25's
 * unicode_util:gc/1 (behind String.graphemes/1) applies them, including
 * its one departure: an emoji ZWJ sequence ends at a ZWJ not followed by
 * a pictograph, even when an Extend character follows. */
#include <stdlib.h>
#include <string.h>

#include "ciex/buf.h"
#include "vm_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

typedef struct case_run {
    int32_t first, last, stride, delta;
} case_run;

typedef struct case_multi {
    int32_t cp;
    int32_t to[3]; /* 0-terminated when shorter */
} case_multi;

static const case_run upper_runs[] = {
    {0x61, 0x7A, 1, -32}, {0xB5, 0xB5, 1, 743}, {0xE0, 0xF6, 1, -32}, {0xF8, 0xFE, 1, -32},
    {0xFF, 0xFF, 1, 121}, {0x101, 0x12F, 2, -1}, {0x131, 0x131, 1, -232}, {0x133, 0x137, 2, -1},
    {0x13A, 0x148, 2, -1}, {0x14B, 0x177, 2, -1}, {0x17A, 0x17E, 2, -1}, {0x17F, 0x17F, 1, -300},
    {0x180, 0x180, 1, 195}, {0x183, 0x185, 2, -1}, {0x188, 0x188, 1, -1}, {0x18C, 0x18C, 1, -1},
    {0x192, 0x192, 1, -1}, {0x195, 0x195, 1, 97}, {0x199, 0x199, 1, -1}, {0x19A, 0x19A, 1, 163},
    {0x19E, 0x19E, 1, 130}, {0x1A1, 0x1A5, 2, -1}, {0x1A8, 0x1A8, 1, -1}, {0x1AD, 0x1AD, 1, -1},
    {0x1B0, 0x1B0, 1, -1}, {0x1B4, 0x1B6, 2, -1}, {0x1B9, 0x1B9, 1, -1}, {0x1BD, 0x1BD, 1, -1},
    {0x1BF, 0x1BF, 1, 56}, {0x1C5, 0x1C5, 1, -1}, {0x1C6, 0x1C6, 1, -2}, {0x1C8, 0x1C8, 1, -1},
    {0x1C9, 0x1C9, 1, -2}, {0x1CB, 0x1CB, 1, -1}, {0x1CC, 0x1CC, 1, -2}, {0x1CE, 0x1DC, 2, -1},
    {0x1DD, 0x1DD, 1, -79}, {0x1DF, 0x1EF, 2, -1}, {0x1F2, 0x1F2, 1, -1}, {0x1F3, 0x1F3, 1, -2},
    {0x1F5, 0x1F5, 1, -1}, {0x1F9, 0x21F, 2, -1}, {0x223, 0x233, 2, -1}, {0x23C, 0x23C, 1, -1},
    {0x23F, 0x240, 1, 10815}, {0x242, 0x242, 1, -1}, {0x247, 0x24F, 2, -1}, {0x250, 0x250, 1, 10783},
    {0x251, 0x251, 1, 10780}, {0x252, 0x252, 1, 10782}, {0x253, 0x253, 1, -210}, {0x254, 0x254, 1, -206},
    {0x256, 0x257, 1, -205}, {0x259, 0x259, 1, -202}, {0x25B, 0x25B, 1, -203}, {0x25C, 0x25C, 1, 42319},
    {0x260, 0x260, 1, -205}, {0x261, 0x261, 1, 42315}, {0x263, 0x263, 1, -207}, {0x265, 0x265, 1, 42280},
    {0x266, 0x266, 1, 42308}, {0x268, 0x268, 1, -209}, {0x269, 0x269, 1, -211}, {0x26A, 0x26A, 1, 42308},
    {0x26B, 0x26B, 1, 10743}, {0x26C, 0x26C, 1, 42305}, {0x26F, 0x26F, 1, -211}, {0x271, 0x271, 1, 10749},
    {0x272, 0x272, 1, -213}, {0x275, 0x275, 1, -214}, {0x27D, 0x27D, 1, 10727}, {0x280, 0x280, 1, -218},
    {0x282, 0x282, 1, 42307}, {0x283, 0x283, 1, -218}, {0x287, 0x287, 1, 42282}, {0x288, 0x288, 1, -218},
    {0x289, 0x289, 1, -69}, {0x28A, 0x28B, 1, -217}, {0x28C, 0x28C, 1, -71}, {0x292, 0x292, 1, -219},
    {0x29D, 0x29D, 1, 42261}, {0x29E, 0x29E, 1, 42258}, {0x345, 0x345, 1, 84}, {0x371, 0x373, 2, -1},
    {0x377, 0x377, 1, -1}, {0x37B, 0x37D, 1, 130}, {0x3AC, 0x3AC, 1, -38}, {0x3AD, 0x3AF, 1, -37},
    {0x3B1, 0x3C1, 1, -32}, {0x3C2, 0x3C2, 1, -31}, {0x3C3, 0x3CB, 1, -32}, {0x3CC, 0x3CC, 1, -64},
    {0x3CD, 0x3CE, 1, -63}, {0x3D0, 0x3D0, 1, -62}, {0x3D1, 0x3D1, 1, -57}, {0x3D5, 0x3D5, 1, -47},
    {0x3D6, 0x3D6, 1, -54}, {0x3D7, 0x3D7, 1, -8}, {0x3D9, 0x3EF, 2, -1}, {0x3F0, 0x3F0, 1, -86},
    {0x3F1, 0x3F1, 1, -80}, {0x3F2, 0x3F2, 1, 7}, {0x3F3, 0x3F3, 1, -116}, {0x3F5, 0x3F5, 1, -96},
    {0x3F8, 0x3F8, 1, -1}, {0x3FB, 0x3FB, 1, -1}, {0x430, 0x44F, 1, -32}, {0x450, 0x45F, 1, -80},
    {0x461, 0x481, 2, -1}, {0x48B, 0x4BF, 2, -1}, {0x4C2, 0x4CE, 2, -1}, {0x4CF, 0x4CF, 1, -15},
    {0x4D1, 0x52F, 2, -1}, {0x561, 0x586, 1, -48}, {0x10D0, 0x10FA, 1, 3008}, {0x10FD, 0x10FF, 1, 3008},
    {0x13F8, 0x13FD, 1, -8}, {0x1C80, 0x1C80, 1, -6254}, {0x1C81, 0x1C81, 1, -6253}, {0x1C82, 0x1C82, 1, -6244},
    {0x1C83, 0x1C84, 1, -6242}, {0x1C85, 0x1C85, 1, -6243}, {0x1C86, 0x1C86, 1, -6236}, {0x1C87, 0x1C87, 1, -6181},
    {0x1C88, 0x1C88, 1, 35266}, {0x1D79, 0x1D79, 1, 35332}, {0x1D7D, 0x1D7D, 1, 3814}, {0x1D8E, 0x1D8E, 1, 35384},
    {0x1E01, 0x1E95, 2, -1}, {0x1E9B, 0x1E9B, 1, -59}, {0x1EA1, 0x1EFF, 2, -1}, {0x1F00, 0x1F07, 1, 8},
    {0x1F10, 0x1F15, 1, 8}, {0x1F20, 0x1F27, 1, 8}, {0x1F30, 0x1F37, 1, 8}, {0x1F40, 0x1F45, 1, 8},
    {0x1F51, 0x1F57, 2, 8}, {0x1F60, 0x1F67, 1, 8}, {0x1F70, 0x1F71, 1, 74}, {0x1F72, 0x1F75, 1, 86},
    {0x1F76, 0x1F77, 1, 100}, {0x1F78, 0x1F79, 1, 128}, {0x1F7A, 0x1F7B, 1, 112}, {0x1F7C, 0x1F7D, 1, 126},
    {0x1FB0, 0x1FB1, 1, 8}, {0x1FBE, 0x1FBE, 1, -7205}, {0x1FD0, 0x1FD1, 1, 8}, {0x1FE0, 0x1FE1, 1, 8},
    {0x1FE5, 0x1FE5, 1, 7}, {0x214E, 0x214E, 1, -28}, {0x2170, 0x217F, 1, -16}, {0x2184, 0x2184, 1, -1},
    {0x24D0, 0x24E9, 1, -26}, {0x2C30, 0x2C5F, 1, -48}, {0x2C61, 0x2C61, 1, -1}, {0x2C65, 0x2C65, 1, -10795},
    {0x2C66, 0x2C66, 1, -10792}, {0x2C68, 0x2C6C, 2, -1}, {0x2C73, 0x2C73, 1, -1}, {0x2C76, 0x2C76, 1, -1},
    {0x2C81, 0x2CE3, 2, -1}, {0x2CEC, 0x2CEE, 2, -1}, {0x2CF3, 0x2CF3, 1, -1}, {0x2D00, 0x2D25, 1, -7264},
    {0x2D27, 0x2D27, 1, -7264}, {0x2D2D, 0x2D2D, 1, -7264}, {0xA641, 0xA66D, 2, -1}, {0xA681, 0xA69B, 2, -1},
    {0xA723, 0xA72F, 2, -1}, {0xA733, 0xA76F, 2, -1}, {0xA77A, 0xA77C, 2, -1}, {0xA77F, 0xA787, 2, -1},
    {0xA78C, 0xA78C, 1, -1}, {0xA791, 0xA793, 2, -1}, {0xA794, 0xA794, 1, 48}, {0xA797, 0xA7A9, 2, -1},
    {0xA7B5, 0xA7C3, 2, -1}, {0xA7C8, 0xA7CA, 2, -1}, {0xA7D1, 0xA7D1, 1, -1}, {0xA7D7, 0xA7D9, 2, -1},
    {0xA7F6, 0xA7F6, 1, -1}, {0xAB53, 0xAB53, 1, -928}, {0xAB70, 0xABBF, 1, -38864}, {0xFF41, 0xFF5A, 1, -32},
    {0x10428, 0x1044F, 1, -40}, {0x104D8, 0x104FB, 1, -40}, {0x10597, 0x105A1, 1, -39}, {0x105A3, 0x105B1, 1, -39},
    {0x105B3, 0x105B9, 1, -39}, {0x105BB, 0x105BC, 1, -39}, {0x10CC0, 0x10CF2, 1, -64}, {0x118C0, 0x118DF, 1, -32},
    {0x16E60, 0x16E7F, 1, -32}, {0x1E922, 0x1E943, 1, -34},
};
static const case_multi upper_multi[] = {
    {0xDF, {0x53, 0x53, 0x0}}, {0x149, {0x2BC, 0x4E, 0x0}}, {0x1F0, {0x4A, 0x30C, 0x0}},
    {0x390, {0x399, 0x308, 0x301}}, {0x3B0, {0x3A5, 0x308, 0x301}}, {0x587, {0x535, 0x552, 0x0}},
    {0x1E96, {0x48, 0x331, 0x0}}, {0x1E97, {0x54, 0x308, 0x0}}, {0x1E98, {0x57, 0x30A, 0x0}},
    {0x1E99, {0x59, 0x30A, 0x0}}, {0x1E9A, {0x41, 0x2BE, 0x0}}, {0x1F50, {0x3A5, 0x313, 0x0}},
    {0x1F52, {0x3A5, 0x313, 0x300}}, {0x1F54, {0x3A5, 0x313, 0x301}}, {0x1F56, {0x3A5, 0x313, 0x342}},
    {0x1F80, {0x1F08, 0x399, 0x0}}, {0x1F81, {0x1F09, 0x399, 0x0}}, {0x1F82, {0x1F0A, 0x399, 0x0}},
    {0x1F83, {0x1F0B, 0x399, 0x0}}, {0x1F84, {0x1F0C, 0x399, 0x0}}, {0x1F85, {0x1F0D, 0x399, 0x0}},
    {0x1F86, {0x1F0E, 0x399, 0x0}}, {0x1F87, {0x1F0F, 0x399, 0x0}}, {0x1F88, {0x1F08, 0x399, 0x0}},
    {0x1F89, {0x1F09, 0x399, 0x0}}, {0x1F8A, {0x1F0A, 0x399, 0x0}}, {0x1F8B, {0x1F0B, 0x399, 0x0}},
    {0x1F8C, {0x1F0C, 0x399, 0x0}}, {0x1F8D, {0x1F0D, 0x399, 0x0}}, {0x1F8E, {0x1F0E, 0x399, 0x0}},
    {0x1F8F, {0x1F0F, 0x399, 0x0}}, {0x1F90, {0x1F28, 0x399, 0x0}}, {0x1F91, {0x1F29, 0x399, 0x0}},
    {0x1F92, {0x1F2A, 0x399, 0x0}}, {0x1F93, {0x1F2B, 0x399, 0x0}}, {0x1F94, {0x1F2C, 0x399, 0x0}},
    {0x1F95, {0x1F2D, 0x399, 0x0}}, {0x1F96, {0x1F2E, 0x399, 0x0}}, {0x1F97, {0x1F2F, 0x399, 0x0}},
    {0x1F98, {0x1F28, 0x399, 0x0}}, {0x1F99, {0x1F29, 0x399, 0x0}}, {0x1F9A, {0x1F2A, 0x399, 0x0}},
    {0x1F9B, {0x1F2B, 0x399, 0x0}}, {0x1F9C, {0x1F2C, 0x399, 0x0}}, {0x1F9D, {0x1F2D, 0x399, 0x0}},
    {0x1F9E, {0x1F2E, 0x399, 0x0}}, {0x1F9F, {0x1F2F, 0x399, 0x0}}, {0x1FA0, {0x1F68, 0x399, 0x0}},
    {0x1FA1, {0x1F69, 0x399, 0x0}}, {0x1FA2, {0x1F6A, 0x399, 0x0}}, {0x1FA3, {0x1F6B, 0x399, 0x0}},
    {0x1FA4, {0x1F6C, 0x399, 0x0}}, {0x1FA5, {0x1F6D, 0x399, 0x0}}, {0x1FA6, {0x1F6E, 0x399, 0x0}},
    {0x1FA7, {0x1F6F, 0x399, 0x0}}, {0x1FA8, {0x1F68, 0x399, 0x0}}, {0x1FA9, {0x1F69, 0x399, 0x0}},
    {0x1FAA, {0x1F6A, 0x399, 0x0}}, {0x1FAB, {0x1F6B, 0x399, 0x0}}, {0x1FAC, {0x1F6C, 0x399, 0x0}},
    {0x1FAD, {0x1F6D, 0x399, 0x0}}, {0x1FAE, {0x1F6E, 0x399, 0x0}}, {0x1FAF, {0x1F6F, 0x399, 0x0}},
    {0x1FB2, {0x1FBA, 0x399, 0x0}}, {0x1FB3, {0x391, 0x399, 0x0}}, {0x1FB4, {0x386, 0x399, 0x0}},
    {0x1FB6, {0x391, 0x342, 0x0}}, {0x1FB7, {0x391, 0x342, 0x399}}, {0x1FBC, {0x391, 0x399, 0x0}},
    {0x1FC2, {0x1FCA, 0x399, 0x0}}, {0x1FC3, {0x397, 0x399, 0x0}}, {0x1FC4, {0x389, 0x399, 0x0}},
    {0x1FC6, {0x397, 0x342, 0x0}}, {0x1FC7, {0x397, 0x342, 0x399}}, {0x1FCC, {0x397, 0x399, 0x0}},
    {0x1FD2, {0x399, 0x308, 0x300}}, {0x1FD3, {0x399, 0x308, 0x301}}, {0x1FD6, {0x399, 0x342, 0x0}},
    {0x1FD7, {0x399, 0x308, 0x342}}, {0x1FE2, {0x3A5, 0x308, 0x300}}, {0x1FE3, {0x3A5, 0x308, 0x301}},
    {0x1FE4, {0x3A1, 0x313, 0x0}}, {0x1FE6, {0x3A5, 0x342, 0x0}}, {0x1FE7, {0x3A5, 0x308, 0x342}},
    {0x1FF2, {0x1FFA, 0x399, 0x0}}, {0x1FF3, {0x3A9, 0x399, 0x0}}, {0x1FF4, {0x38F, 0x399, 0x0}},
    {0x1FF6, {0x3A9, 0x342, 0x0}}, {0x1FF7, {0x3A9, 0x342, 0x399}}, {0x1FFC, {0x3A9, 0x399, 0x0}},
    {0xFB00, {0x46, 0x46, 0x0}}, {0xFB01, {0x46, 0x49, 0x0}}, {0xFB02, {0x46, 0x4C, 0x0}},
    {0xFB03, {0x46, 0x46, 0x49}}, {0xFB04, {0x46, 0x46, 0x4C}}, {0xFB05, {0x53, 0x54, 0x0}},
    {0xFB06, {0x53, 0x54, 0x0}}, {0xFB13, {0x544, 0x546, 0x0}}, {0xFB14, {0x544, 0x535, 0x0}},
    {0xFB15, {0x544, 0x53B, 0x0}}, {0xFB16, {0x54E, 0x546, 0x0}}, {0xFB17, {0x544, 0x53D, 0x0}},
};
static const case_run lower_runs[] = {
    {0x41, 0x5A, 1, 32}, {0xC0, 0xD6, 1, 32}, {0xD8, 0xDE, 1, 32}, {0x100, 0x12E, 2, 1},
    {0x132, 0x136, 2, 1}, {0x139, 0x147, 2, 1}, {0x14A, 0x176, 2, 1}, {0x178, 0x178, 1, -121},
    {0x179, 0x17D, 2, 1}, {0x181, 0x181, 1, 210}, {0x182, 0x184, 2, 1}, {0x186, 0x186, 1, 206},
    {0x187, 0x187, 1, 1}, {0x189, 0x18A, 1, 205}, {0x18B, 0x18B, 1, 1}, {0x18E, 0x18E, 1, 79},
    {0x18F, 0x18F, 1, 202}, {0x190, 0x190, 1, 203}, {0x191, 0x191, 1, 1}, {0x193, 0x193, 1, 205},
    {0x194, 0x194, 1, 207}, {0x196, 0x196, 1, 211}, {0x197, 0x197, 1, 209}, {0x198, 0x198, 1, 1},
    {0x19C, 0x19C, 1, 211}, {0x19D, 0x19D, 1, 213}, {0x19F, 0x19F, 1, 214}, {0x1A0, 0x1A4, 2, 1},
    {0x1A6, 0x1A6, 1, 218}, {0x1A7, 0x1A7, 1, 1}, {0x1A9, 0x1A9, 1, 218}, {0x1AC, 0x1AC, 1, 1},
    {0x1AE, 0x1AE, 1, 218}, {0x1AF, 0x1AF, 1, 1}, {0x1B1, 0x1B2, 1, 217}, {0x1B3, 0x1B5, 2, 1},
    {0x1B7, 0x1B7, 1, 219}, {0x1B8, 0x1B8, 1, 1}, {0x1BC, 0x1BC, 1, 1}, {0x1C4, 0x1C4, 1, 2},
    {0x1C5, 0x1C5, 1, 1}, {0x1C7, 0x1C7, 1, 2}, {0x1C8, 0x1C8, 1, 1}, {0x1CA, 0x1CA, 1, 2},
    {0x1CB, 0x1DB, 2, 1}, {0x1DE, 0x1EE, 2, 1}, {0x1F1, 0x1F1, 1, 2}, {0x1F2, 0x1F4, 2, 1},
    {0x1F6, 0x1F6, 1, -97}, {0x1F7, 0x1F7, 1, -56}, {0x1F8, 0x21E, 2, 1}, {0x220, 0x220, 1, -130},
    {0x222, 0x232, 2, 1}, {0x23A, 0x23A, 1, 10795}, {0x23B, 0x23B, 1, 1}, {0x23D, 0x23D, 1, -163},
    {0x23E, 0x23E, 1, 10792}, {0x241, 0x241, 1, 1}, {0x243, 0x243, 1, -195}, {0x244, 0x244, 1, 69},
    {0x245, 0x245, 1, 71}, {0x246, 0x24E, 2, 1}, {0x370, 0x372, 2, 1}, {0x376, 0x376, 1, 1},
    {0x37F, 0x37F, 1, 116}, {0x386, 0x386, 1, 38}, {0x388, 0x38A, 1, 37}, {0x38C, 0x38C, 1, 64},
    {0x38E, 0x38F, 1, 63}, {0x391, 0x3A1, 1, 32}, {0x3A3, 0x3AB, 1, 32}, {0x3CF, 0x3CF, 1, 8},
    {0x3D8, 0x3EE, 2, 1}, {0x3F4, 0x3F4, 1, -60}, {0x3F7, 0x3F7, 1, 1}, {0x3F9, 0x3F9, 1, -7},
    {0x3FA, 0x3FA, 1, 1}, {0x3FD, 0x3FF, 1, -130}, {0x400, 0x40F, 1, 80}, {0x410, 0x42F, 1, 32},
    {0x460, 0x480, 2, 1}, {0x48A, 0x4BE, 2, 1}, {0x4C0, 0x4C0, 1, 15}, {0x4C1, 0x4CD, 2, 1},
    {0x4D0, 0x52E, 2, 1}, {0x531, 0x556, 1, 48}, {0x10A0, 0x10C5, 1, 7264}, {0x10C7, 0x10C7, 1, 7264},
    {0x10CD, 0x10CD, 1, 7264}, {0x13A0, 0x13EF, 1, 38864}, {0x13F0, 0x13F5, 1, 8}, {0x1C90, 0x1CBA, 1, -3008},
    {0x1CBD, 0x1CBF, 1, -3008}, {0x1E00, 0x1E94, 2, 1}, {0x1E9E, 0x1E9E, 1, -7615}, {0x1EA0, 0x1EFE, 2, 1},
    {0x1F08, 0x1F0F, 1, -8}, {0x1F18, 0x1F1D, 1, -8}, {0x1F28, 0x1F2F, 1, -8}, {0x1F38, 0x1F3F, 1, -8},
    {0x1F48, 0x1F4D, 1, -8}, {0x1F59, 0x1F5F, 2, -8}, {0x1F68, 0x1F6F, 1, -8}, {0x1F88, 0x1F8F, 1, -8},
    {0x1F98, 0x1F9F, 1, -8}, {0x1FA8, 0x1FAF, 1, -8}, {0x1FB8, 0x1FB9, 1, -8}, {0x1FBA, 0x1FBB, 1, -74},
    {0x1FBC, 0x1FBC, 1, -9}, {0x1FC8, 0x1FCB, 1, -86}, {0x1FCC, 0x1FCC, 1, -9}, {0x1FD8, 0x1FD9, 1, -8},
    {0x1FDA, 0x1FDB, 1, -100}, {0x1FE8, 0x1FE9, 1, -8}, {0x1FEA, 0x1FEB, 1, -112}, {0x1FEC, 0x1FEC, 1, -7},
    {0x1FF8, 0x1FF9, 1, -128}, {0x1FFA, 0x1FFB, 1, -126}, {0x1FFC, 0x1FFC, 1, -9}, {0x2126, 0x2126, 1, -7517},
    {0x212A, 0x212A, 1, -8383}, {0x212B, 0x212B, 1, -8262}, {0x2132, 0x2132, 1, 28}, {0x2160, 0x216F, 1, 16},
    {0x2183, 0x2183, 1, 1}, {0x24B6, 0x24CF, 1, 26}, {0x2C00, 0x2C2F, 1, 48}, {0x2C60, 0x2C60, 1, 1},
    {0x2C62, 0x2C62, 1, -10743}, {0x2C63, 0x2C63, 1, -3814}, {0x2C64, 0x2C64, 1, -10727}, {0x2C67, 0x2C6B, 2, 1},
    {0x2C6D, 0x2C6D, 1, -10780}, {0x2C6E, 0x2C6E, 1, -10749}, {0x2C6F, 0x2C6F, 1, -10783}, {0x2C70, 0x2C70, 1, -10782},
    {0x2C72, 0x2C72, 1, 1}, {0x2C75, 0x2C75, 1, 1}, {0x2C7E, 0x2C7F, 1, -10815}, {0x2C80, 0x2CE2, 2, 1},
    {0x2CEB, 0x2CED, 2, 1}, {0x2CF2, 0x2CF2, 1, 1}, {0xA640, 0xA66C, 2, 1}, {0xA680, 0xA69A, 2, 1},
    {0xA722, 0xA72E, 2, 1}, {0xA732, 0xA76E, 2, 1}, {0xA779, 0xA77B, 2, 1}, {0xA77D, 0xA77D, 1, -35332},
    {0xA77E, 0xA786, 2, 1}, {0xA78B, 0xA78B, 1, 1}, {0xA78D, 0xA78D, 1, -42280}, {0xA790, 0xA792, 2, 1},
    {0xA796, 0xA7A8, 2, 1}, {0xA7AA, 0xA7AA, 1, -42308}, {0xA7AB, 0xA7AB, 1, -42319}, {0xA7AC, 0xA7AC, 1, -42315},
    {0xA7AD, 0xA7AD, 1, -42305}, {0xA7AE, 0xA7AE, 1, -42308}, {0xA7B0, 0xA7B0, 1, -42258}, {0xA7B1, 0xA7B1, 1, -42282},
    {0xA7B2, 0xA7B2, 1, -42261}, {0xA7B3, 0xA7B3, 1, 928}, {0xA7B4, 0xA7C2, 2, 1}, {0xA7C4, 0xA7C4, 1, -48},
    {0xA7C5, 0xA7C5, 1, -42307}, {0xA7C6, 0xA7C6, 1, -35384}, {0xA7C7, 0xA7C9, 2, 1}, {0xA7D0, 0xA7D0, 1, 1},
    {0xA7D6, 0xA7D8, 2, 1}, {0xA7F5, 0xA7F5, 1, 1}, {0xFF21, 0xFF3A, 1, 32}, {0x10400, 0x10427, 1, 40},
    {0x104B0, 0x104D3, 1, 40}, {0x10570, 0x1057A, 1, 39}, {0x1057C, 0x1058A, 1, 39}, {0x1058C, 0x10592, 1, 39},
    {0x10594, 0x10595, 1, 39}, {0x10C80, 0x10CB2, 1, 64}, {0x118A0, 0x118BF, 1, 32}, {0x16E40, 0x16E5F, 1, 32},
    {0x1E900, 0x1E921, 1, 34},
};
static const case_multi lower_multi[] = {
    {0x130, {0x69, 0x307, 0x0}},
};
static const case_run title_runs[] = {
    {0x1C4, 0x1C4, 1, 1}, {0x1C5, 0x1C5, 1, 0}, {0x1C6, 0x1C6, 1, -1}, {0x1C7, 0x1C7, 1, 1},
    {0x1C8, 0x1C8, 1, 0}, {0x1C9, 0x1C9, 1, -1}, {0x1CA, 0x1CA, 1, 1}, {0x1CB, 0x1CB, 1, 0},
    {0x1CC, 0x1CC, 1, -1}, {0x1F1, 0x1F1, 1, 1}, {0x1F2, 0x1F2, 1, 0}, {0x1F3, 0x1F3, 1, -1},
    {0x10D0, 0x10FA, 1, 0}, {0x10FD, 0x10FF, 1, 0}, {0x1F80, 0x1F87, 1, 8}, {0x1F88, 0x1F8F, 1, 0},
    {0x1F90, 0x1F97, 1, 8}, {0x1F98, 0x1F9F, 1, 0}, {0x1FA0, 0x1FA7, 1, 8}, {0x1FA8, 0x1FAF, 1, 0},
    {0x1FB3, 0x1FB3, 1, 9}, {0x1FBC, 0x1FBC, 1, 0}, {0x1FC3, 0x1FC3, 1, 9}, {0x1FCC, 0x1FCC, 1, 0},
    {0x1FF3, 0x1FF3, 1, 9}, {0x1FFC, 0x1FFC, 1, 0},
};
static const case_multi title_multi[] = {
    {0xDF, {0x53, 0x73, 0x0}}, {0x587, {0x535, 0x582, 0x0}}, {0x1FB2, {0x1FBA, 0x345, 0x0}},
    {0x1FB4, {0x386, 0x345, 0x0}}, {0x1FB7, {0x391, 0x342, 0x345}}, {0x1FC2, {0x1FCA, 0x345, 0x0}},
    {0x1FC4, {0x389, 0x345, 0x0}}, {0x1FC7, {0x397, 0x342, 0x345}}, {0x1FF2, {0x1FFA, 0x345, 0x0}},
    {0x1FF4, {0x38F, 0x345, 0x0}}, {0x1FF7, {0x3A9, 0x342, 0x345}}, {0xFB00, {0x46, 0x66, 0x0}},
    {0xFB01, {0x46, 0x69, 0x0}}, {0xFB02, {0x46, 0x6C, 0x0}}, {0xFB03, {0x46, 0x66, 0x69}},
    {0xFB04, {0x46, 0x66, 0x6C}}, {0xFB05, {0x53, 0x74, 0x0}}, {0xFB06, {0x53, 0x74, 0x0}},
    {0xFB13, {0x544, 0x576, 0x0}}, {0xFB14, {0x544, 0x565, 0x0}}, {0xFB15, {0x544, 0x56B, 0x0}},
    {0xFB16, {0x54E, 0x576, 0x0}}, {0xFB17, {0x544, 0x56D, 0x0}},
};

typedef enum gc_class {
    GC_OTHER, GC_CONTROL, GC_EXTEND, GC_ZWJ, GC_PREPEND, GC_RI, GC_L, GC_V, GC_T, GC_LV, GC_LVT, GC_SYL, GC_PICT,
} gc_class;

typedef struct gc_range {
    int32_t first, last;
    gc_class cls;
} gc_range;

static const gc_range gc_ranges[] = {
    {0x0, 0x9, GC_CONTROL}, {0xB, 0xC, GC_CONTROL}, {0xE, 0x1F, GC_CONTROL}, {0x7F, 0x9F, GC_CONTROL},
    {0xA9, 0xA9, GC_PICT}, {0xAD, 0xAD, GC_CONTROL}, {0xAE, 0xAE, GC_PICT}, {0x300, 0x36F, GC_EXTEND},
    {0x483, 0x489, GC_EXTEND}, {0x591, 0x5BD, GC_EXTEND}, {0x5BF, 0x5BF, GC_EXTEND}, {0x5C1, 0x5C2, GC_EXTEND},
    {0x5C4, 0x5C5, GC_EXTEND}, {0x5C7, 0x5C7, GC_EXTEND}, {0x600, 0x605, GC_PREPEND}, {0x610, 0x61A, GC_EXTEND},
    {0x61C, 0x61C, GC_CONTROL}, {0x64B, 0x65F, GC_EXTEND}, {0x670, 0x670, GC_EXTEND}, {0x6D6, 0x6DC, GC_EXTEND},
    {0x6DD, 0x6DD, GC_PREPEND}, {0x6DF, 0x6E4, GC_EXTEND}, {0x6E7, 0x6E8, GC_EXTEND}, {0x6EA, 0x6ED, GC_EXTEND},
    {0x70F, 0x70F, GC_PREPEND}, {0x711, 0x711, GC_EXTEND}, {0x730, 0x74A, GC_EXTEND}, {0x7A6, 0x7B0, GC_EXTEND},
    {0x7EB, 0x7F3, GC_EXTEND}, {0x7FD, 0x7FD, GC_EXTEND}, {0x816, 0x819, GC_EXTEND}, {0x81B, 0x823, GC_EXTEND},
    {0x825, 0x827, GC_EXTEND}, {0x829, 0x82D, GC_EXTEND}, {0x859, 0x85B, GC_EXTEND}, {0x890, 0x891, GC_PREPEND},
    {0x898, 0x89F, GC_EXTEND}, {0x8CA, 0x8E1, GC_EXTEND}, {0x8E2, 0x8E2, GC_PREPEND}, {0x8E3, 0x903, GC_EXTEND},
    {0x93A, 0x93C, GC_EXTEND}, {0x93E, 0x94F, GC_EXTEND}, {0x951, 0x957, GC_EXTEND}, {0x962, 0x963, GC_EXTEND},
    {0x981, 0x983, GC_EXTEND}, {0x9BC, 0x9BC, GC_EXTEND}, {0x9BE, 0x9C4, GC_EXTEND}, {0x9C7, 0x9C8, GC_EXTEND},
    {0x9CB, 0x9CD, GC_EXTEND}, {0x9D7, 0x9D7, GC_EXTEND}, {0x9E2, 0x9E3, GC_EXTEND}, {0x9FE, 0x9FE, GC_EXTEND},
    {0xA01, 0xA03, GC_EXTEND}, {0xA3C, 0xA3C, GC_EXTEND}, {0xA3E, 0xA42, GC_EXTEND}, {0xA47, 0xA48, GC_EXTEND},
    {0xA4B, 0xA4D, GC_EXTEND}, {0xA51, 0xA51, GC_EXTEND}, {0xA70, 0xA71, GC_EXTEND}, {0xA75, 0xA75, GC_EXTEND},
    {0xA81, 0xA83, GC_EXTEND}, {0xABC, 0xABC, GC_EXTEND}, {0xABE, 0xAC5, GC_EXTEND}, {0xAC7, 0xAC9, GC_EXTEND},
    {0xACB, 0xACD, GC_EXTEND}, {0xAE2, 0xAE3, GC_EXTEND}, {0xAFA, 0xAFF, GC_EXTEND}, {0xB01, 0xB03, GC_EXTEND},
    {0xB3C, 0xB3C, GC_EXTEND}, {0xB3E, 0xB44, GC_EXTEND}, {0xB47, 0xB48, GC_EXTEND}, {0xB4B, 0xB4D, GC_EXTEND},
    {0xB55, 0xB57, GC_EXTEND}, {0xB62, 0xB63, GC_EXTEND}, {0xB82, 0xB82, GC_EXTEND}, {0xBBE, 0xBC2, GC_EXTEND},
    {0xBC6, 0xBC8, GC_EXTEND}, {0xBCA, 0xBCD, GC_EXTEND}, {0xBD7, 0xBD7, GC_EXTEND}, {0xC00, 0xC04, GC_EXTEND},
    {0xC3C, 0xC3C, GC_EXTEND}, {0xC3E, 0xC44, GC_EXTEND}, {0xC46, 0xC48, GC_EXTEND}, {0xC4A, 0xC4D, GC_EXTEND},
    {0xC55, 0xC56, GC_EXTEND}, {0xC62, 0xC63, GC_EXTEND}, {0xC81, 0xC83, GC_EXTEND}, {0xCBC, 0xCBC, GC_EXTEND},
    {0xCBE, 0xCC4, GC_EXTEND}, {0xCC6, 0xCC8, GC_EXTEND}, {0xCCA, 0xCCD, GC_EXTEND}, {0xCD5, 0xCD6, GC_EXTEND},
    {0xCE2, 0xCE3, GC_EXTEND}, {0xD00, 0xD03, GC_EXTEND}, {0xD3B, 0xD3C, GC_EXTEND}, {0xD3E, 0xD44, GC_EXTEND},
    {0xD46, 0xD48, GC_EXTEND}, {0xD4A, 0xD4D, GC_EXTEND}, {0xD4E, 0xD4E, GC_PREPEND}, {0xD57, 0xD57, GC_EXTEND},
    {0xD62, 0xD63, GC_EXTEND}, {0xD81, 0xD83, GC_EXTEND}, {0xDCA, 0xDCA, GC_EXTEND}, {0xDCF, 0xDD4, GC_EXTEND},
    {0xDD6, 0xDD6, GC_EXTEND}, {0xDD8, 0xDDF, GC_EXTEND}, {0xDF2, 0xDF3, GC_EXTEND}, {0xE31, 0xE31, GC_EXTEND},
    {0xE33, 0xE3A, GC_EXTEND}, {0xE47, 0xE4E, GC_EXTEND}, {0xEB1, 0xEB1, GC_EXTEND}, {0xEB3, 0xEBC, GC_EXTEND},
    {0xEC8, 0xECD, GC_EXTEND}, {0xF18, 0xF19, GC_EXTEND}, {0xF35, 0xF35, GC_EXTEND}, {0xF37, 0xF37, GC_EXTEND},
    {0xF39, 0xF39, GC_EXTEND}, {0xF3E, 0xF3F, GC_EXTEND}, {0xF71, 0xF84, GC_EXTEND}, {0xF86, 0xF87, GC_EXTEND},
    {0xF8D, 0xF97, GC_EXTEND}, {0xF99, 0xFBC, GC_EXTEND}, {0xFC6, 0xFC6, GC_EXTEND}, {0x102D, 0x1037, GC_EXTEND},
    {0x1039, 0x103E, GC_EXTEND}, {0x1056, 0x1059, GC_EXTEND}, {0x105E, 0x1060, GC_EXTEND}, {0x1071, 0x1074, GC_EXTEND},
    {0x1082, 0x1082, GC_EXTEND}, {0x1084, 0x1086, GC_EXTEND}, {0x108D, 0x108D, GC_EXTEND}, {0x109D, 0x109D, GC_EXTEND},
    {0x1100, 0x115F, GC_L}, {0x1160, 0x11A7, GC_V}, {0x11A8, 0x11FF, GC_T}, {0x135D, 0x135F, GC_EXTEND},
    {0x1712, 0x1715, GC_EXTEND}, {0x1732, 0x1734, GC_EXTEND}, {0x1752, 0x1753, GC_EXTEND}, {0x1772, 0x1773, GC_EXTEND},
    {0x17B4, 0x17D3, GC_EXTEND}, {0x17DD, 0x17DD, GC_EXTEND}, {0x180B, 0x180D, GC_EXTEND}, {0x180E, 0x180E, GC_CONTROL},
    {0x180F, 0x180F, GC_EXTEND}, {0x1885, 0x1886, GC_EXTEND}, {0x18A9, 0x18A9, GC_EXTEND}, {0x1920, 0x192B, GC_EXTEND},
    {0x1930, 0x193B, GC_EXTEND}, {0x1A17, 0x1A1B, GC_EXTEND}, {0x1A55, 0x1A5E, GC_EXTEND}, {0x1A60, 0x1A60, GC_EXTEND},
    {0x1A62, 0x1A62, GC_EXTEND}, {0x1A65, 0x1A7C, GC_EXTEND}, {0x1A7F, 0x1A7F, GC_EXTEND}, {0x1AB0, 0x1ACE, GC_EXTEND},
    {0x1B00, 0x1B04, GC_EXTEND}, {0x1B34, 0x1B44, GC_EXTEND}, {0x1B6B, 0x1B73, GC_EXTEND}, {0x1B80, 0x1B82, GC_EXTEND},
    {0x1BA1, 0x1BAD, GC_EXTEND}, {0x1BE6, 0x1BF3, GC_EXTEND}, {0x1C24, 0x1C37, GC_EXTEND}, {0x1CD0, 0x1CD2, GC_EXTEND},
    {0x1CD4, 0x1CE8, GC_EXTEND}, {0x1CED, 0x1CED, GC_EXTEND}, {0x1CF4, 0x1CF4, GC_EXTEND}, {0x1CF7, 0x1CF9, GC_EXTEND},
    {0x1DC0, 0x1DFF, GC_EXTEND}, {0x200B, 0x200B, GC_CONTROL}, {0x200C, 0x200C, GC_EXTEND}, {0x200D, 0x200D, GC_ZWJ},
    {0x200E, 0x200F, GC_CONTROL}, {0x2028, 0x202E, GC_CONTROL}, {0x203C, 0x203C, GC_PICT}, {0x2049, 0x2049, GC_PICT},
    {0x2060, 0x206F, GC_CONTROL}, {0x20D0, 0x20F0, GC_EXTEND}, {0x2122, 0x2122, GC_PICT}, {0x2139, 0x2139, GC_PICT},
    {0x2194, 0x2199, GC_PICT}, {0x21A9, 0x21AA, GC_PICT}, {0x231A, 0x231B, GC_PICT}, {0x2328, 0x2328, GC_PICT},
    {0x2388, 0x2388, GC_PICT}, {0x23CF, 0x23CF, GC_PICT}, {0x23E9, 0x23F3, GC_PICT}, {0x23F8, 0x23FA, GC_PICT},
    {0x24C2, 0x24C2, GC_PICT}, {0x25AA, 0x25AB, GC_PICT}, {0x25B6, 0x25B6, GC_PICT}, {0x25C0, 0x25C0, GC_PICT},
    {0x25FB, 0x25FE, GC_PICT}, {0x2600, 0x2605, GC_PICT}, {0x2607, 0x2612, GC_PICT}, {0x2614, 0x2685, GC_PICT},
    {0x2690, 0x2705, GC_PICT}, {0x2708, 0x2712, GC_PICT}, {0x2714, 0x2714, GC_PICT}, {0x2716, 0x2716, GC_PICT},
    {0x271D, 0x271D, GC_PICT}, {0x2721, 0x2721, GC_PICT}, {0x2728, 0x2728, GC_PICT}, {0x2733, 0x2734, GC_PICT},
    {0x2744, 0x2744, GC_PICT}, {0x2747, 0x2747, GC_PICT}, {0x274C, 0x274C, GC_PICT}, {0x274E, 0x274E, GC_PICT},
    {0x2753, 0x2755, GC_PICT}, {0x2757, 0x2757, GC_PICT}, {0x2763, 0x2767, GC_PICT}, {0x2795, 0x2797, GC_PICT},
    {0x27A1, 0x27A1, GC_PICT}, {0x27B0, 0x27B0, GC_PICT}, {0x27BF, 0x27BF, GC_PICT}, {0x2934, 0x2935, GC_PICT},
    {0x2B05, 0x2B07, GC_PICT}, {0x2B1B, 0x2B1C, GC_PICT}, {0x2B50, 0x2B50, GC_PICT}, {0x2B55, 0x2B55, GC_PICT},
    {0x2CEF, 0x2CF1, GC_EXTEND}, {0x2D7F, 0x2D7F, GC_EXTEND}, {0x2DE0, 0x2DFF, GC_EXTEND}, {0x302A, 0x302F, GC_EXTEND},
    {0x3030, 0x3030, GC_PICT}, {0x303D, 0x303D, GC_PICT}, {0x3099, 0x309A, GC_EXTEND}, {0x3297, 0x3297, GC_PICT},
    {0x3299, 0x3299, GC_PICT}, {0xA66F, 0xA672, GC_EXTEND}, {0xA674, 0xA67D, GC_EXTEND}, {0xA69E, 0xA69F, GC_EXTEND},
    {0xA6F0, 0xA6F1, GC_EXTEND}, {0xA802, 0xA802, GC_EXTEND}, {0xA806, 0xA806, GC_EXTEND}, {0xA80B, 0xA80B, GC_EXTEND},
    {0xA823, 0xA827, GC_EXTEND}, {0xA82C, 0xA82C, GC_EXTEND}, {0xA880, 0xA881, GC_EXTEND}, {0xA8B4, 0xA8C5, GC_EXTEND},
    {0xA8E0, 0xA8F1, GC_EXTEND}, {0xA8FF, 0xA8FF, GC_EXTEND}, {0xA926, 0xA92D, GC_EXTEND}, {0xA947, 0xA953, GC_EXTEND},
    {0xA960, 0xA97C, GC_L}, {0xA980, 0xA983, GC_EXTEND}, {0xA9B3, 0xA9C0, GC_EXTEND}, {0xA9E5, 0xA9E5, GC_EXTEND},
    {0xAA29, 0xAA36, GC_EXTEND}, {0xAA43, 0xAA43, GC_EXTEND}, {0xAA4C, 0xAA4D, GC_EXTEND}, {0xAA7C, 0xAA7C, GC_EXTEND},
    {0xAAB0, 0xAAB0, GC_EXTEND}, {0xAAB2, 0xAAB4, GC_EXTEND}, {0xAAB7, 0xAAB8, GC_EXTEND}, {0xAABE, 0xAABF, GC_EXTEND},
    {0xAAC1, 0xAAC1, GC_EXTEND}, {0xAAEB, 0xAAEF, GC_EXTEND}, {0xAAF5, 0xAAF6, GC_EXTEND}, {0xABE3, 0xABEA, GC_EXTEND},
    {0xABEC, 0xABED, GC_EXTEND}, {0xAC00, 0xD7A3, GC_SYL}, {0xD7B0, 0xD7C6, GC_V}, {0xD7CB, 0xD7FB, GC_T},
    {0xFB1E, 0xFB1E, GC_EXTEND}, {0xFE00, 0xFE0F, GC_EXTEND}, {0xFE20, 0xFE2F, GC_EXTEND}, {0xFEFF, 0xFEFF, GC_CONTROL},
    {0xFF9E, 0xFF9F, GC_EXTEND}, {0xFFF0, 0xFFFB, GC_CONTROL}, {0x101FD, 0x101FD, GC_EXTEND}, {0x102E0, 0x102E0, GC_EXTEND},
    {0x10376, 0x1037A, GC_EXTEND}, {0x10A01, 0x10A03, GC_EXTEND}, {0x10A05, 0x10A06, GC_EXTEND}, {0x10A0C, 0x10A0F, GC_EXTEND},
    {0x10A38, 0x10A3A, GC_EXTEND}, {0x10A3F, 0x10A3F, GC_EXTEND}, {0x10AE5, 0x10AE6, GC_EXTEND}, {0x10D24, 0x10D27, GC_EXTEND},
    {0x10EAB, 0x10EAC, GC_EXTEND}, {0x10F46, 0x10F50, GC_EXTEND}, {0x10F82, 0x10F85, GC_EXTEND}, {0x11000, 0x11002, GC_EXTEND},
    {0x11038, 0x11046, GC_EXTEND}, {0x11070, 0x11070, GC_EXTEND}, {0x11073, 0x11074, GC_EXTEND}, {0x1107F, 0x11082, GC_EXTEND},
    {0x110B0, 0x110BA, GC_EXTEND}, {0x110BD, 0x110BD, GC_PREPEND}, {0x110C2, 0x110C2, GC_EXTEND}, {0x110CD, 0x110CD, GC_PREPEND},
    {0x11100, 0x11102, GC_EXTEND}, {0x11127, 0x11134, GC_EXTEND}, {0x11145, 0x11146, GC_EXTEND}, {0x11173, 0x11173, GC_EXTEND},
    {0x11180, 0x11182, GC_EXTEND}, {0x111B3, 0x111C0, GC_EXTEND}, {0x111C2, 0x111C3, GC_PREPEND}, {0x111C9, 0x111CC, GC_EXTEND},
    {0x111CE, 0x111CF, GC_EXTEND}, {0x1122C, 0x11237, GC_EXTEND}, {0x1123E, 0x1123E, GC_EXTEND}, {0x112DF, 0x112EA, GC_EXTEND},
    {0x11300, 0x11303, GC_EXTEND}, {0x1133B, 0x1133C, GC_EXTEND}, {0x1133E, 0x11344, GC_EXTEND}, {0x11347, 0x11348, GC_EXTEND},
    {0x1134B, 0x1134D, GC_EXTEND}, {0x11357, 0x11357, GC_EXTEND}, {0x11362, 0x11363, GC_EXTEND}, {0x11366, 0x1136C, GC_EXTEND},
    {0x11370, 0x11374, GC_EXTEND}, {0x11435, 0x11446, GC_EXTEND}, {0x1145E, 0x1145E, GC_EXTEND}, {0x114B0, 0x114C3, GC_EXTEND},
    {0x115AF, 0x115B5, GC_EXTEND}, {0x115B8, 0x115C0, GC_EXTEND}, {0x115DC, 0x115DD, GC_EXTEND}, {0x11630, 0x11640, GC_EXTEND},
    {0x116AB, 0x116B7, GC_EXTEND}, {0x1171D, 0x1171F, GC_EXTEND}, {0x11722, 0x1172B, GC_EXTEND}, {0x1182C, 0x1183A, GC_EXTEND},
    {0x11930, 0x11935, GC_EXTEND}, {0x11937, 0x11938, GC_EXTEND}, {0x1193B, 0x1193E, GC_EXTEND}, {0x1193F, 0x1193F, GC_PREPEND},
    {0x11940, 0x11940, GC_EXTEND}, {0x11941, 0x11941, GC_PREPEND}, {0x11942, 0x11943, GC_EXTEND}, {0x119D1, 0x119D7, GC_EXTEND},
    {0x119DA, 0x119E0, GC_EXTEND}, {0x119E4, 0x119E4, GC_EXTEND}, {0x11A01, 0x11A0A, GC_EXTEND}, {0x11A33, 0x11A39, GC_EXTEND},
    {0x11A3A, 0x11A3A, GC_PREPEND}, {0x11A3B, 0x11A3E, GC_EXTEND}, {0x11A47, 0x11A47, GC_EXTEND}, {0x11A51, 0x11A5B, GC_EXTEND},
    {0x11A84, 0x11A89, GC_PREPEND}, {0x11A8A, 0x11A99, GC_EXTEND}, {0x11C2F, 0x11C36, GC_EXTEND}, {0x11C38, 0x11C3F, GC_EXTEND},
    {0x11C92, 0x11CA7, GC_EXTEND}, {0x11CA9, 0x11CB6, GC_EXTEND}, {0x11D31, 0x11D36, GC_EXTEND}, {0x11D3A, 0x11D3A, GC_EXTEND},
    {0x11D3C, 0x11D3D, GC_EXTEND}, {0x11D3F, 0x11D45, GC_EXTEND}, {0x11D46, 0x11D46, GC_PREPEND}, {0x11D47, 0x11D47, GC_EXTEND},
    {0x11D8A, 0x11D8E, GC_EXTEND}, {0x11D90, 0x11D91, GC_EXTEND}, {0x11D93, 0x11D97, GC_EXTEND}, {0x11EF3, 0x11EF6, GC_EXTEND},
    {0x13430, 0x13438, GC_CONTROL}, {0x16AF0, 0x16AF4, GC_EXTEND}, {0x16B30, 0x16B36, GC_EXTEND}, {0x16F4F, 0x16F4F, GC_EXTEND},
    {0x16F51, 0x16F87, GC_EXTEND}, {0x16F8F, 0x16F92, GC_EXTEND}, {0x16FE4, 0x16FE4, GC_EXTEND}, {0x16FF0, 0x16FF1, GC_EXTEND},
    {0x1BC9D, 0x1BC9E, GC_EXTEND}, {0x1BCA0, 0x1BCA3, GC_CONTROL}, {0x1CF00, 0x1CF2D, GC_EXTEND}, {0x1CF30, 0x1CF46, GC_EXTEND},
    {0x1D165, 0x1D169, GC_EXTEND}, {0x1D16D, 0x1D172, GC_EXTEND}, {0x1D173, 0x1D17A, GC_CONTROL}, {0x1D17B, 0x1D182, GC_EXTEND},
    {0x1D185, 0x1D18B, GC_EXTEND}, {0x1D1AA, 0x1D1AD, GC_EXTEND}, {0x1D242, 0x1D244, GC_EXTEND}, {0x1DA00, 0x1DA36, GC_EXTEND},
    {0x1DA3B, 0x1DA6C, GC_EXTEND}, {0x1DA75, 0x1DA75, GC_EXTEND}, {0x1DA84, 0x1DA84, GC_EXTEND}, {0x1DA9B, 0x1DA9F, GC_EXTEND},
    {0x1DAA1, 0x1DAAF, GC_EXTEND}, {0x1E000, 0x1E006, GC_EXTEND}, {0x1E008, 0x1E018, GC_EXTEND}, {0x1E01B, 0x1E021, GC_EXTEND},
    {0x1E023, 0x1E024, GC_EXTEND}, {0x1E026, 0x1E02A, GC_EXTEND}, {0x1E130, 0x1E136, GC_EXTEND}, {0x1E2AE, 0x1E2AE, GC_EXTEND},
    {0x1E2EC, 0x1E2EF, GC_EXTEND}, {0x1E8D0, 0x1E8D6, GC_EXTEND}, {0x1E944, 0x1E94A, GC_EXTEND}, {0x1F000, 0x1F0FF, GC_PICT},
    {0x1F10D, 0x1F10F, GC_PICT}, {0x1F12F, 0x1F12F, GC_PICT}, {0x1F16C, 0x1F171, GC_PICT}, {0x1F17E, 0x1F17F, GC_PICT},
    {0x1F18E, 0x1F18E, GC_PICT}, {0x1F191, 0x1F19A, GC_PICT}, {0x1F1AD, 0x1F1E5, GC_PICT}, {0x1F1E6, 0x1F1FF, GC_RI},
    {0x1F201, 0x1F20F, GC_PICT}, {0x1F21A, 0x1F21A, GC_PICT}, {0x1F22F, 0x1F22F, GC_PICT}, {0x1F232, 0x1F23A, GC_PICT},
    {0x1F23C, 0x1F23F, GC_PICT}, {0x1F249, 0x1F3FA, GC_PICT}, {0x1F3FB, 0x1F3FF, GC_EXTEND}, {0x1F400, 0x1F53D, GC_PICT},
    {0x1F546, 0x1F64F, GC_PICT}, {0x1F680, 0x1F6FF, GC_PICT}, {0x1F774, 0x1F77F, GC_PICT}, {0x1F7D5, 0x1F7FF, GC_PICT},
    {0x1F80C, 0x1F80F, GC_PICT}, {0x1F848, 0x1F84F, GC_PICT}, {0x1F85A, 0x1F85F, GC_PICT}, {0x1F888, 0x1F88F, GC_PICT},
    {0x1F8AE, 0x1F8FF, GC_PICT}, {0x1F90C, 0x1F93A, GC_PICT}, {0x1F93C, 0x1F945, GC_PICT}, {0x1F947, 0x1FAFF, GC_PICT},
    {0x1FC00, 0x1FFFD, GC_PICT}, {0xE0000, 0xE001F, GC_CONTROL}, {0xE0020, 0xE007F, GC_EXTEND}, {0xE0080, 0xE00FF, GC_CONTROL},
    {0xE0100, 0xE01EF, GC_EXTEND}, {0xE01F0, 0xE0FFF, GC_CONTROL},
};

/* ---- lookups ---- */

/* The mapping of cp by a run table; false when no run covers it. */
static bool run_find(const case_run *runs, size_t n, int32_t cp, int32_t *out)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* last run with first <= cp */
        size_t mid = (lo + hi) / 2;
        if (runs[mid].first <= cp) lo = mid + 1;
        else hi = mid;
    }
    *out = cp;
    if (lo == 0) return false;
    const case_run *rn = &runs[lo - 1];
    if (cp > rn->last || (cp - rn->first) % rn->stride) return false;
    *out = cp + rn->delta;
    return true;
}

static const case_multi *multi_find(const case_multi *m, size_t n, int32_t cp)
{
    for (size_t i = 0; i < n && m[i].cp <= cp; i++)
        if (m[i].cp == cp) return &m[i];
    return NULL;
}

static gc_class gc_class_of(int32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F) return GC_OTHER;
    size_t lo = 0, hi = sizeof gc_ranges / sizeof gc_ranges[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (gc_ranges[mid].first <= cp) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0 || cp > gc_ranges[lo - 1].last) return GC_OTHER;
    gc_class c = gc_ranges[lo - 1].cls;
    if (c == GC_SYL) return (cp - 0xAC00) % 28 == 0 ? GC_LV : GC_LVT;
    return c;
}

/* ---- the output buffer (ciex_buf) ---- */

static void tb_cp(ciex_buf *b, int32_t cp)
{
    uint8_t u[4];
    ciex_buf_put(b, u, term_utf8_encode(cp, u));
}

static term tb_finish(ciex_buf *b)
{
    term t = term_binary_new(b->data ? b->data : (const uint8_t *)"", b->len);
    free(b->data);
    return t;
}

/* Decodes the code point at *pos; an invalid byte gives -1 and is skipped. */
static int32_t next_cp(const uint8_t *s, size_t len, size_t *pos)
{
    if (s[*pos] < 0x80) return s[(*pos)++];
    int32_t cp = term_utf8_decode(s, len, pos);
    if (cp < 0) (*pos)++;
    return cp;
}

/* ---- case mapping ---- */

typedef enum case_kind { CASE_UPPER, CASE_LOWER, CASE_TITLE } case_kind;
typedef enum case_mode { MODE_DEFAULT, MODE_ASCII, MODE_GREEK, MODE_TURKIC } case_mode;

static bool parse_mode(term m, case_mode *mode)
{
    if (m == term_atom("default")) *mode = MODE_DEFAULT;
    else if (m == term_atom("ascii")) *mode = MODE_ASCII;
    else if (m == term_atom("greek")) *mode = MODE_GREEK;
    else if (m == term_atom("turkic")) *mode = MODE_TURKIC;
    else return false;
    return true;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void map_cp(ciex_buf *b, int32_t cp, case_kind kind, case_mode mode)
{
    if (mode == MODE_ASCII) {
        if (kind == CASE_LOWER && cp >= 'A' && cp <= 'Z') cp += 32;
        else if (kind != CASE_LOWER && cp >= 'a' && cp <= 'z') cp -= 32;
        tb_cp(b, cp);
        return;
    }
    if (mode == MODE_TURKIC) {
        if (kind == CASE_LOWER && cp == 'I') { tb_cp(b, 0x131); return; }
        if (kind == CASE_LOWER && cp == 0x130) { tb_cp(b, 'i'); return; }
        if (kind != CASE_LOWER && cp == 'i') { tb_cp(b, 0x130); return; }
    }
    const case_multi *m = NULL;
    int32_t one = cp;
    if (kind == CASE_TITLE) {
        m = multi_find(title_multi, COUNT(title_multi), cp);
        if (!m && !run_find(title_runs, COUNT(title_runs), cp, &one)) kind = CASE_UPPER; /* elsewhere title = upper */
    }
    if (kind == CASE_UPPER) {
        m = multi_find(upper_multi, COUNT(upper_multi), cp);
        run_find(upper_runs, COUNT(upper_runs), cp, &one);
    } else if (kind == CASE_LOWER) {
        m = multi_find(lower_multi, COUNT(lower_multi), cp);
        run_find(lower_runs, COUNT(lower_runs), cp, &one);
    }
    if (!m) {
        tb_cp(b, one);
        return;
    }
    for (int i = 0; i < 3 && m->to[i]; i++) tb_cp(b, m->to[i]);
}

/* Maps s[from..len) into b; invalid bytes are copied unchanged. */
static void map_case(ciex_buf *b, const uint8_t *s, size_t from, size_t len, case_kind kind, case_mode mode)
{
    size_t pos = from;
    while (pos < len) {
        size_t at = pos;
        int32_t cp = next_cp(s, len, &pos);
        if (cp < 0) ciex_buf_put(b, s + at, 1);
        else map_cp(b, cp, kind, mode);
    }
}

static vm_status case_bif(vm_process *p, const term *a, case_kind kind, term *r)
{
    case_mode mode;
    if (!term_is_binary(a[0]) || !parse_mode(a[1], &mode)) return vm_badarg(p);
    ciex_buf b = {0};
    map_case(&b, term_binary_data(a[0]), 0, term_binary_size(a[0]), kind, mode);
    *r = tb_finish(&b);
    return VM_OK;
}

/* :ciex.upcase(string, mode) and :ciex.downcase(string, mode) */
BIF(bif_upcase) { return case_bif(p, a, CASE_UPPER, r); }
BIF(bif_downcase) { return case_bif(p, a, CASE_LOWER, r); }

/* :ciex.capitalize(string, mode): the first code point in title case, the
 * rest in lower case, as String.capitalize/2. */
BIF(bif_capitalize)
{
    case_mode mode;
    if (!term_is_binary(a[0]) || !parse_mode(a[1], &mode)) return vm_badarg(p);
    const uint8_t *s = term_binary_data(a[0]);
    size_t len = term_binary_size(a[0]), pos = 0;
    ciex_buf b = {0};
    if (len) {
        int32_t cp = next_cp(s, len, &pos);
        if (cp < 0) ciex_buf_put(&b, s, 1);
        else map_cp(&b, cp, CASE_TITLE, mode);
    }
    map_case(&b, s, pos, len, CASE_LOWER, mode);
    *r = tb_finish(&b);
    return VM_OK;
}

/* ---- grapheme clusters ---- */

static gc_class class_at(const uint8_t *s, size_t len, size_t pos, size_t *next, int32_t *cp_out)
{
    size_t at = pos;
    int32_t cp = next_cp(s, len, &at);
    *next = at;
    *cp_out = cp;
    if (cp < 0) return GC_CONTROL; /* an invalid byte stands alone */
    return gc_class_of(cp);
}

static bool is_crlf(int32_t cp) { return cp == '\r' || cp == '\n'; }

/* The end of the grapheme cluster that starts at pos (< len). */
static size_t gc_end(const uint8_t *s, size_t len, size_t pos)
{
    size_t end;
    int32_t cp;
    gc_class prev = class_at(s, len, pos, &end, &cp);
    if (cp == '\r' && end < len && s[end] == '\n') return end + 1; /* GB3 */
    if (prev == GC_CONTROL || is_crlf(cp)) return end;             /* GB4 */
    bool pict = prev == GC_PICT, zwj_after_pict = false;
    size_t ri = prev == GC_RI ? 1 : 0;
    while (end < len) {
        size_t after;
        int32_t ncp;
        gc_class c = class_at(s, len, end, &after, &ncp);
        bool join;
        if (c == GC_CONTROL || is_crlf(ncp)) join = false;                                   /* GB5 */
        else if (prev == GC_L) join = c == GC_L || c == GC_V || c == GC_LV || c == GC_LVT;    /* GB6 */
        else if ((prev == GC_LV || prev == GC_V) && (c == GC_V || c == GC_T)) join = true;    /* GB7 */
        else if ((prev == GC_LVT || prev == GC_T) && c == GC_T) join = true;                  /* GB8 */
        else join = false;
        if (prev == GC_ZWJ && zwj_after_pict && c != GC_PICT) {
            join = false; /* OTP's unicode_util ends an emoji ZWJ sequence here, even before an Extend */
        } else if (!join) {
            if (c == GC_EXTEND || c == GC_ZWJ) join = true;                         /* GB9, GB9a */
            else if (prev == GC_PREPEND && c != GC_CONTROL && !is_crlf(ncp)) join = true; /* GB9b */
            else if (prev == GC_ZWJ && c == GC_PICT && zwj_after_pict) join = true;  /* GB11 */
            else if (prev == GC_RI && c == GC_RI && ri % 2 == 1) join = true;        /* GB12, GB13 */
        }
        if (!join) break;
        if (c == GC_ZWJ) zwj_after_pict = pict;
        else zwj_after_pict = false;
        if (c == GC_PICT) pict = true;
        else if (c != GC_EXTEND) pict = false;
        ri = c == GC_RI ? ri + 1 : 0;
        prev = c;
        end = after;
    }
    return end;
}

static term sub_list_reversed_to_list(term rev)
{
    term out = TERM_NIL;
    for (term l = rev; term_is_cons(l); l = term_tail(l)) out = term_cons_new(term_retain(term_head(l)), out);
    term_release(rev);
    return out;
}

/* :ciex.graphemes(string) and :ciex.codepoints(string): lists of
 * sub-binaries. */
static vm_status split_units(vm_process *p, term bin, bool graphemes, term *r)
{
    if (!term_is_binary(bin)) return vm_badarg(p);
    const uint8_t *s = term_binary_data(bin);
    size_t len = term_binary_size(bin), pos = 0;
    term rev = TERM_NIL;
    while (pos < len) {
        size_t end = pos;
        if (graphemes) end = gc_end(s, len, pos);
        else next_cp(s, len, &end);
        rev = term_cons_new(term_binary_sub(bin, pos, end - pos), rev);
        pos = end;
    }
    *r = sub_list_reversed_to_list(rev);
    return VM_OK;
}

BIF(bif_graphemes) { return split_units(p, a[0], true, r); }
BIF(bif_codepoints) { return split_units(p, a[0], false, r); }

/* :ciex.next_grapheme_size(string): bytes of the first grapheme, 0 when empty */
BIF(bif_next_grapheme_size)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    size_t len = term_binary_size(a[0]);
    *r = term_int_from_u64(len ? gc_end(term_binary_data(a[0]), len, 0) : 0);
    return VM_OK;
}

/* :ciex.str_length(string): graphemes */
BIF(bif_str_length)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    const uint8_t *s = term_binary_data(a[0]);
    size_t len = term_binary_size(a[0]), pos = 0, n = 0;
    while (pos < len) {
        if (s[pos] >= 0x20 && s[pos] < 0x7F && (pos + 1 == len || s[pos + 1] < 0x80)) pos++; /* ASCII fast path */
        else pos = gc_end(s, len, pos);
        n++;
    }
    *r = term_int_from_u64(n);
    return VM_OK;
}

/* Byte offset after skipping n graphemes from pos. */
static size_t skip_graphemes(const uint8_t *s, size_t len, size_t pos, uint64_t n)
{
    while (n-- > 0 && pos < len) pos = gc_end(s, len, pos);
    return pos;
}

/* :ciex.str_slice(string, start, count): start and count are grapheme
 * counts, both >= 0 (the prelude resolves negative positions). */
BIF(bif_str_slice)
{
    int64_t start, count;
    if (!term_is_binary(a[0]) || !term_int_to_i64(a[1], &start) || !term_int_to_i64(a[2], &count) || start < 0 ||
        count < 0)
        return vm_badarg(p);
    const uint8_t *s = term_binary_data(a[0]);
    size_t len = term_binary_size(a[0]);
    size_t from = skip_graphemes(s, len, 0, (uint64_t)start);
    size_t to = skip_graphemes(s, len, from, (uint64_t)count);
    *r = term_binary_sub(a[0], from, to - from);
    return VM_OK;
}

/* :ciex.byte_offset(string, graphemes): where the n-th grapheme starts */
BIF(bif_byte_offset)
{
    int64_t n;
    if (!term_is_binary(a[0]) || !term_int_to_i64(a[1], &n) || n < 0) return vm_badarg(p);
    *r = term_int_from_u64(skip_graphemes(term_binary_data(a[0]), term_binary_size(a[0]), 0, (uint64_t)n));
    return VM_OK;
}

/* ---- whitespace ---- */

/* Unicode White_Space; `breaking` leaves out the no-break spaces, which
 * String.split/1 does not split on. */
static bool is_space(int32_t cp, bool breaking)
{
    if ((cp >= 0x09 && cp <= 0x0D) || cp == 0x20) return true;
    if (cp < 0x85) return false;
    if (cp == 0xA0 || cp == 0x2007 || cp == 0x202F) return !breaking;
    return cp == 0x85 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x205F || cp == 0x3000;
}

/* The byte length of a whitespace code point at pos, or 0. */
static size_t space_at(const uint8_t *s, size_t len, size_t pos, bool breaking)
{
    size_t at = pos;
    int32_t cp = next_cp(s, len, &at);
    return cp >= 0 && is_space(cp, breaking) ? at - pos : 0;
}

/* Start of the trailing whitespace run of s[0..len). */
static size_t trailing_space_start(const uint8_t *s, size_t len)
{
    size_t end = len;
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && end - start < 4 && (s[start] & 0xC0) == 0x80) start--;
        size_t n = space_at(s, end, start, false);
        if (n != end - start) break;
        end = start;
    }
    return end;
}

/* :ciex.trim(string, :leading | :trailing | :both) */
BIF(bif_trim)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    const uint8_t *s = term_binary_data(a[0]);
    size_t len = term_binary_size(a[0]), from = 0, to = len, n;
    if (a[1] != term_atom("trailing"))
        while (from < len && (n = space_at(s, len, from, false)) > 0) from += n;
    if (a[1] != term_atom("leading")) to = trailing_space_start(s + from, len - from) + from;
    *r = term_binary_sub(a[0], from, to - from);
    return VM_OK;
}

/* :ciex.split_whitespace(string): String.split/1 */
BIF(bif_split_whitespace)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    const uint8_t *s = term_binary_data(a[0]);
    size_t len = term_binary_size(a[0]), pos = 0, n;
    term rev = TERM_NIL;
    while (pos < len) {
        while (pos < len && (n = space_at(s, len, pos, true)) > 0) pos += n;
        if (pos >= len) break;
        size_t start = pos;
        while (pos < len && space_at(s, len, pos, true) == 0) next_cp(s, len, &pos);
        rev = term_cons_new(term_binary_sub(a[0], start, pos - start), rev);
    }
    *r = sub_list_reversed_to_list(rev);
    return VM_OK;
}

/* ---- validity and conversions ---- */

BIF(bif_utf8_valid)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    *r = term_bool(term_utf8_valid(term_binary_data(a[0]), term_binary_size(a[0])));
    return VM_OK;
}

/* True when s[0..len) is the start of a multi-byte sequence cut short by
 * the end of the input (:unicode's "incomplete"). */
static bool truncated_sequence(const uint8_t *s, size_t len)
{
    size_t need = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (need == 0 || len >= need) return false;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80) return false;
    return true;
}

/* :ciex.utf8_to_list(binary): a charlist, or {:error | :incomplete,
 * decoded, rest} as :unicode.characters_to_list/1 reports bad input. */
BIF(bif_utf8_to_list)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    const uint8_t *s = term_binary_data(a[0]);
    size_t len = term_binary_size(a[0]), pos = 0;
    term rev = TERM_NIL;
    while (pos < len) {
        size_t at = pos;
        int32_t cp = next_cp(s, len, &at);
        if (cp < 0) break;
        rev = term_cons_new(term_small(cp), rev);
        pos = at;
    }
    term list = sub_list_reversed_to_list(rev);
    if (pos == len) {
        *r = list;
        return VM_OK;
    }
    term kind = truncated_sequence(s + pos, len - pos) ? term_atom("incomplete") : TERM_ATOM_ERROR;
    *r = term_tuple3(kind, list, term_binary_sub(a[0], pos, len - pos));
    return VM_OK;
}

/* :ciex.printable(string, limit): String.printable?/2 (limit an integer
 * or :infinity) */
BIF(bif_printable)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    int64_t limit = -1;
    if (a[1] != term_atom("infinity") && (!term_int_to_i64(a[1], &limit) || limit < 0)) return vm_badarg(p);
    const uint8_t *s = term_binary_data(a[0]);
    size_t len = term_binary_size(a[0]), pos = 0;
    for (int64_t n = 0; pos < len && (limit < 0 || n < limit); n++) {
        int32_t cp = next_cp(s, len, &pos);
        bool ok = (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp < 0xD800) || (cp > 0xDFFF && cp < 0xFFFE) ||
                  (cp > 0xFFFF && cp <= 0x10FFFF) || (cp >= 7 && cp <= 13) || cp == 27;
        if (!ok) {
            *r = TERM_FALSE;
            return VM_OK;
        }
    }
    *r = TERM_TRUE;
    return VM_OK;
}

static const vm_bif_def text_bifs[] = {
    {"ciex", "upcase", 2, bif_upcase}, {"ciex", "downcase", 2, bif_downcase},
    {"ciex", "capitalize", 2, bif_capitalize}, {"ciex", "graphemes", 1, bif_graphemes},
    {"ciex", "codepoints", 1, bif_codepoints}, {"ciex", "next_grapheme_size", 1, bif_next_grapheme_size},
    {"ciex", "str_length", 1, bif_str_length}, {"ciex", "str_slice", 3, bif_str_slice},
    {"ciex", "byte_offset", 2, bif_byte_offset}, {"ciex", "trim", 2, bif_trim},
    {"ciex", "split_whitespace", 1, bif_split_whitespace}, {"ciex", "utf8_valid", 1, bif_utf8_valid},
    {"ciex", "utf8_to_list", 1, bif_utf8_to_list}, {"ciex", "printable", 2, bif_printable},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_text_init(vm_runtime *rt);
void vm_bifs_text_init(vm_runtime *rt) { vm_register_bifs(rt, text_bifs); }

/* The table generators (elixir gen.exs > tables), kept for the next
 * Unicode version.  Case mapping, for each of upcase/downcase and for
 * capitalize where it differs from upcase:
 *
 *   for cp <- 0..0x10FFFF, cp not in 0xD800..0xDFFF, s = <<cp::utf8>>,
 *       m = String.upcase(s), m != s, do: {cp, String.to_charlist(m)}
 *
 * then single mappings merged into runs of equal delta and stride 1 or 2.
 * Grapheme-break classes, per code point (one? = one grapheme):
 *
 *   not one?(c <> "\u0301") and not one?("\u0301" <> c) -> CONTROL
 *   one?("a" <> c)                                      -> EXTEND
 *   one?(c <> "a")                                      -> PREPEND
 *   one?(c <> "\u200D\u2764") and one?("\u2764\u200D" <> c) -> PICT
 *
 * with ZWJ, regional indicators and Hangul jamo/syllables from their
 * fixed ranges, merged into ranges of equal class. */
