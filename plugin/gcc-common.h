/* gcc-common.h - the one place where dynpromote meets GCC's plugin headers.

   Every plugin source includes this header and nothing else from GCC, so
   that header order, version checks and the few compatibility shims live
   in one file (the same role as scripts/gcc-plugins/gcc-common.h in the
   Linux kernel).  Supported: GCC 12 and later on x86-64.  */

#ifndef DYNPROMOTE_GCC_COMMON_H
#define DYNPROMOTE_GCC_COMMON_H

#include "gcc-plugin.h"

#include "bversion.h"

#if BUILDING_GCC_MAJOR < 12
#error "dynpromote needs the GCC 12 (or later) plugin headers"
#endif

#include "config.h"
#include "system.h"
#include "coretypes.h"
#include "backend.h"
#include "target.h"
#include "tree.h"
#include "rtl.h"
#include "insn-config.h"
#include "gimple.h"
#include "tree-pass.h"
#include "ssa.h"
#include "memmodel.h"
#include "tm_p.h"
#include "emit-rtl.h"
#include "recog.h"
#include "output.h"
#include "diagnostic.h"
#include "diagnostic-core.h"
#include "intl.h"
#include "stringpool.h"
#include "attribs.h"
#include "gimple-iterator.h"
#include "tree-ssanames.h"
#include "langhooks.h"
#include "toplev.h"
#include "opts.h"
#include "debug.h"
#include "dumpfile.h"
#include "function.h"
#include "insn-constants.h"
#include "cpplib.h"
#include "context.h"
#include "rtl-iter.h"
#include "explow.h"
#include "expr.h"

#endif /* DYNPROMOTE_GCC_COMMON_H */
