/* Purpose: complex results come back intact through rewritten calls and
   sibcalls: _Complex float (packed in %xmm0), _Complex double
   (%xmm0:%xmm1), _Complex long double (%st0:%st1) and _Complex int;
   complex arguments go in by value too.  */
/* { dg-do run } */

#include "dp-test.h"

typedef _Complex float cf;
typedef _Complex double cd;
typedef _Complex long double cld;
typedef _Complex int ci;

NOIPA cf make_cf (float re, float im) { return re + im * 1.0fi; }
NOIPA cd mul_cd (cd a, cd b) { return a * b; }
NOIPA cld make_cld (long double re, long double im) { return re + im * 1.0Li; }
NOIPA ci make_ci (int re, int im) { ci r; __real__ r = re; __imag__ r = im; return r; }
NOIPA cd conj_sum (cd a, cf b, cld c)
{
  return ~a + (cd) b + (cd) c;
}

typedef cld (*cld_fn) (long double, long double);
NOIPA cld forward_cld (cld_fn f, long double re) { return f (re, -re); }
typedef cd (*cd_fn) (cd, cd);
NOIPA cd forward_cd (cd_fn f, cd a) { return f (a, a); }

int
main (void)
{
  for (int rep = 1; rep <= 64; rep++)
    {
      cf (*ff) (float, float) = HIDE (make_cf);
      cd_fn fd = HIDE (mul_cd);
      cld_fn fl = HIDE (make_cld);
      ci (*fi) (int, int) = HIDE (make_ci);
      cd (*fs) (cd, cf, cld) = HIDE (conj_sum);

      cf a = ff (rep, -rep);
      CHECK (__real__ a == rep && __imag__ a == -rep);

      cd b = fd (1.0 + 2.0i, rep + 0.0i);
      CHECK (__real__ b == rep && __imag__ b == 2.0 * rep);
      b = forward_cd (fd, 0.0 + 1.0i);
      CHECK (__real__ b == -1.0 && __imag__ b == 0.0);

      cld c = fl (rep * 1e300L * 1e300L, 0.5L);
      CHECK (__real__ c == rep * 1e300L * 1e300L && __imag__ c == 0.5L);
      c = forward_cld (fl, rep);
      CHECK (__real__ c == rep && __imag__ c == -rep);

      ci d = fi (rep, 7);
      CHECK (__real__ d == rep && __imag__ d == 7);

      cd e = fs (1.0 + 1.0i, 2.0f + 3.0fi, 4.0L + 5.0Li);
      CHECK (__real__ e == 7.0 && __imag__ e == 7.0);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\t(call|jmp)\t\*(?!%r11$|__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=make_cld } } } */
