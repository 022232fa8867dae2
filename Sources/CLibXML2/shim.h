#ifndef BATON_CLIBXML2_SHIM_H
#define BATON_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* libxml2's encoding.h includes the system ICU headers when built with ICU. Foundation ships its
   own ICU module with different definitions of the same types, and a target that imports both
   fails with "'UErrorCode' has different definitions in different modules". Baton never touches
   the ICU members of xmlCharEncodingHandler (only libxml2 itself does), so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <string.h>

/// True when a libxml2 string equals a C string; keeps name comparisons allocation-free in Swift.
static inline int baton_xml_equals(const xmlChar *lhs, const char *rhs) {
    return lhs != NULL && strcmp((const char *)lhs, rhs) == 0;
}

#endif
