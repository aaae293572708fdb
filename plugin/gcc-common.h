/* gcc-common.h - the one place where dynpromote meets GCC's plugin headers.

   Every plugin source includes this header and nothing else from GCC, so
   that header order, version checks and the few compatibility shims live
   in one file (the same role as scripts/gcc-plugins/gcc-common.h in the
   Linux kernel).  Supported: GCC 11 and 12 on x86-64 (later versions
   build if their internals still match); configure refuses older plugin
   headers before this #error is reached.  Version-dependent code goes
   here, tested by feature where GCC gives a macro to test, by
   BUILDING_GCC_VERSION otherwise.  */

#ifndef DYNPROMOTE_GCC_COMMON_H
#define DYNPROMOTE_GCC_COMMON_H

#include "gcc-plugin.h"

#include "bversion.h"

#if BUILDING_GCC_MAJOR < 11
#error "dynpromote needs the GCC 11 (or later) plugin headers (gcc-11-plugin-dev or newer)"
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
#include "cgraph.h"
#include "value-prof.h"
#include "tree-cfg.h"
#include "tree-into-ssa.h"
#include "cfgloop.h"

/* -mharden-sls reached the GCC 11 branch with 11.3 (options.h then
   defines ix86_harden_sls as a macro); before it nothing is hardened,
   so the stubs need no int3 after their jumps.  */
#ifndef ix86_harden_sls
enum harden_sls
{
  harden_sls_none = 0,
  harden_sls_return = 1 << 0,
  harden_sls_indirect_jmp = 1 << 1,
  harden_sls_all = harden_sls_return | harden_sls_indirect_jmp
};
#define ix86_harden_sls harden_sls_none
#endif

/* GCC's plugin headers leave out include/dwarf2.h, without which
   dwarf2out.h does not compile.  Of it the plugin needs a CFI note's
   directive (struct dw_cfi_node: its DWARF opcode and first operand,
   laid out alike in GCC 11 and 12) and the function that writes one as
   a .cfi_* directive; the opcodes are DWARF's own numbers.  */
typedef struct dw_cfi_node *dw_cfi_ref;
extern void output_cfi_directive (FILE *f, struct dw_cfi_node *cfi);
struct dp_cfi_head
{
  int opcode;               /* enum dwarf_call_frame_info.  */
  union
  {
    unsigned int reg_num;
    HOST_WIDE_INT offset;
    const char *addr;
  } operand1;
};
#define dp_cfi_opcode(CFI) (((const struct dp_cfi_head *) (CFI))->opcode)
#define dp_cfi_reg(CFI) \
  (((const struct dp_cfi_head *) (CFI))->operand1.reg_num)
#define DP_DW_CFA_remember_state 0x0a
#define DP_DW_CFA_restore_state 0x0b
#define DP_DW_CFA_def_cfa 0x0c
#define DP_DW_CFA_def_cfa_register 0x0d
#define DP_DW_CFA_def_cfa_expression 0x0f
#define DP_DW_CFA_def_cfa_sf 0x12

#endif /* DYNPROMOTE_GCC_COMMON_H */
