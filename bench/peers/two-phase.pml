/*
 * Two-phase commit (the TwoPhase specification of Lamport's TLA+ examples), Promela version for
 * the gntcheck peer benchmark. Written for this benchmark; see bench/README.md.
 *
 * Every reachable valuation of the global variables is one SPIN state: there is a single
 * process whose body is one do loop of d_step alternatives, so its program counter never
 * changes, and every variable starts at its initial value with no init step.
 *
 * The runner replaces the value of RM below (nothing else).
 */
#define RM 3

/* RM must be between 1 and 12: the per-rm alternatives are enumerated by the preprocessor. */
#if RM < 1 || RM > 12
#error "two-phase.pml: RM must be in 1..12"
#endif

/* rm states */
#define WORKING   0
#define PREPARED  1
#define COMMITTED 2
#define ABORTED   3
/* tm states */
#define TM_INIT      0
#define TM_COMMITTED 1
#define TM_ABORTED   2

byte rmState[RM];        /* all WORKING */
byte tmState;            /* TM_INIT */
bool tmPrepared[RM];
bool msgPrepared[RM];
bool msgCommit;
bool msgAbort;

/* per-rm alternatives; IF_Rk(x) keeps x only when rm k exists */
#define ALTS(r) \
  :: d_step { tmState == TM_INIT && msgPrepared[r] -> tmPrepared[r] = true } \
  :: d_step { rmState[r] == WORKING -> rmState[r] = PREPARED; msgPrepared[r] = true } \
  :: d_step { rmState[r] == WORKING -> rmState[r] = ABORTED } \
  :: d_step { msgCommit -> rmState[r] = COMMITTED } \
  :: d_step { msgAbort -> rmState[r] = ABORTED }

#if RM > 0
#define IF_R0(x) x
#else
#define IF_R0(x)
#endif
#if RM > 1
#define IF_R1(x) x
#else
#define IF_R1(x)
#endif
#if RM > 2
#define IF_R2(x) x
#else
#define IF_R2(x)
#endif
#if RM > 3
#define IF_R3(x) x
#else
#define IF_R3(x)
#endif
#if RM > 4
#define IF_R4(x) x
#else
#define IF_R4(x)
#endif
#if RM > 5
#define IF_R5(x) x
#else
#define IF_R5(x)
#endif
#if RM > 6
#define IF_R6(x) x
#else
#define IF_R6(x)
#endif
#if RM > 7
#define IF_R7(x) x
#else
#define IF_R7(x)
#endif
#if RM > 8
#define IF_R8(x) x
#else
#define IF_R8(x)
#endif
#if RM > 9
#define IF_R9(x) x
#else
#define IF_R9(x)
#endif
#if RM > 10
#define IF_R10(x) x
#else
#define IF_R10(x)
#endif
#if RM > 11
#define IF_R11(x) x
#else
#define IF_R11(x)
#endif

#define ALL_PREPARED ( IF_R0(tmPrepared[0] &&) IF_R1(tmPrepared[1] &&) IF_R2(tmPrepared[2] &&) \
  IF_R3(tmPrepared[3] &&) IF_R4(tmPrepared[4] &&) IF_R5(tmPrepared[5] &&) IF_R6(tmPrepared[6] &&) \
  IF_R7(tmPrepared[7] &&) IF_R8(tmPrepared[8] &&) IF_R9(tmPrepared[9] &&) IF_R10(tmPrepared[10] &&) \
  IF_R11(tmPrepared[11] &&) true )
#define IS(r, v) (rmState[r] == v) ||
#define ANY(v) ( IF_R0(IS(0, v)) IF_R1(IS(1, v)) IF_R2(IS(2, v)) IF_R3(IS(3, v)) IF_R4(IS(4, v)) \
  IF_R5(IS(5, v)) IF_R6(IS(6, v)) IF_R7(IS(7, v)) IF_R8(IS(8, v)) IF_R9(IS(9, v)) IF_R10(IS(10, v)) \
  IF_R11(IS(11, v)) false )
/* TCConsistent: no rm committed while another aborted */
#define CONSISTENT (!(ANY(COMMITTED) && ANY(ABORTED)))

active proctype twoPhase()
{
  do
  /* TMCommit: tmState = init and every rm prepared (as the TM knows it) */
  :: d_step { tmState == TM_INIT && ALL_PREPARED -> tmState = TM_COMMITTED; msgCommit = true }
  /* TMAbort */
  :: d_step { tmState == TM_INIT -> tmState = TM_ABORTED; msgAbort = true }
  IF_R0(ALTS(0))
  IF_R1(ALTS(1))
  IF_R2(ALTS(2))
  IF_R3(ALTS(3))
  IF_R4(ALTS(4))
  IF_R5(ALTS(5))
  IF_R6(ALTS(6))
  IF_R7(ALTS(7))
  IF_R8(ALTS(8))
  IF_R9(ALTS(9))
  IF_R10(ALTS(10))
  IF_R11(ALTS(11))
  od
}

/* the invariant, checked in every reachable state */
never {
  do
  :: assert(CONSISTENT)
  od
}
