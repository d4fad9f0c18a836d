/* preprocess_text_block.h - where the text lies in a frame with no page outline (preprocess_text_block.c). */
#ifndef NOTICESCAN_PREPROCESS_TEXT_BLOCK_H
#define NOTICESCAN_PREPROCESS_TEXT_BLOCK_H

#include "base.h"

typedef struct text_block {
    int found;         /* enough text lines were seen to place the block */
    int converging;    /* the margins converge (keystone): the corners are a quadrilateral to flatten */
    int cluttered;     /* ink outside the text: the corners hug the text, else they take in the frame */
    float outside_ink; /* the share of ink pixels outside the text (and its margin) */
    float corner_x[4]; /* top-left, top-right, bottom-right, bottom-left, full-size pixels: around */
    float corner_y[4]; /* the text or the frame; an axis-aligned box when !converging */
    int lines;         /* text lines the block was placed from */
    float text_height; /* median character height, full-size pixels */
} text_block;

/*
 * Finds the block of printed text in an 8-bit gray frame (a photo whose sheet edges are not seen, or
 * a scan): characters are cut out on a quick threshold, joined into lines, and blobs, long rules and
 * isolated specks are left out. When the left and right text margins converge (the sheet seen at a
 * slant), the corners follow the margins and the line directions at the top and bottom of the block.
 * Returns 0 and block->found = 0 when too few lines are seen; -1 when out of memory.
 */
int preprocess_locate_text_block(struct Pix *gray, text_block *block);

#endif
