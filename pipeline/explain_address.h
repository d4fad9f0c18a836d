/*
 * explain_address.h - where the mailing address read from a notice lies, for the
 * windows that run longer when a notice is addressed outside the United
 * States (IRC 6213(a): 150 days instead of 90; IRC 6672(b): 75 instead of 60).
 */
#ifndef NOTICESCAN_EXPLAIN_ADDRESS_H
#define NOTICESCAN_EXPLAIN_ADDRESS_H

#include "extract.h"

#include <stddef.h>

typedef enum address_location {
    ADDRESS_NOT_READ,  /* no address block was read */
    ADDRESS_IN_STATES, /* ends in a state, DC or military mail (APO/FPO/DPO) code and its ZIP */
    ADDRESS_TERRITORY, /* ends in a U.S. territory's code and ZIP (Puerto Rico, Guam, ...) */
    ADDRESS_UNCERTAIN, /* read, but neither a U.S. line nor a country line that patterns found */
    ADDRESS_ABROAD,    /* the block patterns/details.pat found ending in another country's name */
} address_location;

/*
 * Where the address field points. A block counts as abroad only when the
 * pattern that ends it with a country's name found it: a typed correction or
 * an unusual block is uncertain, so that an unsure reading never gives the
 * longer window. last_line receives the block's last line (to quote in the
 * plan), "" when none.
 */
address_location explain_locate_address(const extracted_field *address, char *last_line, size_t len);

#endif
