/*
 * The blkif reference model (shared/reference/blkif-reference-model.md), reference protocol with
 * every variant off, Promela version for the gntcheck peer benchmark (checked with SPIN).
 * Written for this benchmark from the reference page; see bench/README.md.
 *
 * Counting: every reachable valuation of the global variables is one SPIN state. There is one
 * process whose body is a single do loop of d_step alternatives (one per action and parameter
 * value), so its program counter never changes; the variables start at their initial values
 * through initialisers (no init step); the scratch variables i, j, k are `hidden` (not part of
 * the state vector) and always set before use; the state invariants are checked in every state
 * by a one-state never claim. Values that do not matter are reset exactly as the page says.
 *
 * The runner replaces the values of the constants below (nothing else). true/false for FP, BP.
 */
#define P 2        /* pool entries; entry e owns frame e (1..4) */
#define G 3        /* grant references 0 .. G-1 (1..6) */
#define R 2        /* ring slots (1..4) */
#define C 2        /* backend vCPUs (1..4) */
#define MAXP 2     /* backend limit on persistent grants */
#define FP true    /* frontend feature_persistent */
#define BP true    /* backend feature_persistent */

#if P < 1 || P > 4 || G < 1 || G > 6 || R < 1 || R > 4 || C < 1 || C > 4
#error "blkif.pml: parameters out of the enumerated range (P 1..4, G 1..6, R 1..4, C 1..4)"
#endif

/* xenbus states */
#define XB_INITIALISING 0
#define XB_INITWAIT     1
#define XB_INITIALISED  2
#define XB_CONNECTED    3
#define XB_CLOSING      4
#define XB_CLOSED       5
/* frameSt */
#define F_PRIVATE  0
#define F_POOL     1
#define F_DEFERRED 2
/* slot */
#define S_IDLE      0
#define S_POSTED    1
#define S_MAPPED    2
#define S_DONE      3
#define S_RESPONDED 4
/* tree */
#define T_ABSENT 0
#define T_IDLE   1
#define T_ACTIVE 2
/* "none" for entGref / entSlot */
#define NONE_G G
#define NONE_S R

/* ---- state (initialisers give the initial state) ---- */
byte fe = XB_INITIALISING;
byte be = XB_INITIALISING;
bool fePers = false;
bool bePers = false;
bool pool = false;
bool gtPermit[G];          /* false */
byte gtFrame[G];           /* 0 */
byte pin[G];               /* 0 */
byte entGref[P] = NONE_G;
byte entSlot[P] = NONE_S;
byte frameSt[P];           /* F_PRIVATE */
byte slot[R];              /* S_IDLE */
byte slotGref[R];          /* 0 */
byte slotEnt[R];           /* 0 */
byte slotFrame[R];         /* 0 */
bool slotPers[R];          /* false */
byte tree[G];              /* T_ABSENT */
byte treeFrame[G];         /* 0 */
bool tlb[C * P];           /* tlb[c][f] is tlb[c * P + f]; false */

/* scratch, not part of the state vector */
hidden byte i;
hidden byte j;
hidden byte k;

/* ---- enumeration over parameter values, done by the preprocessor ----
 * IF_Xk(x) keeps x only when index k exists in dimension X (E: entries/frames, G: grefs,
 * S: slots, C: vCPUs). ALL_X / ANY_X / SUM_X(M, a) fold M(k, a) over the existing k with
 * && / || / +; EACH_X(M, a) juxtaposes M(k, a). */
#if P > 0
#define IF_E0(x) x
#else
#define IF_E0(x)
#endif
#if P > 1
#define IF_E1(x) x
#else
#define IF_E1(x)
#endif
#if P > 2
#define IF_E2(x) x
#else
#define IF_E2(x)
#endif
#if P > 3
#define IF_E3(x) x
#else
#define IF_E3(x)
#endif
#if G > 0
#define IF_G0(x) x
#else
#define IF_G0(x)
#endif
#if G > 1
#define IF_G1(x) x
#else
#define IF_G1(x)
#endif
#if G > 2
#define IF_G2(x) x
#else
#define IF_G2(x)
#endif
#if G > 3
#define IF_G3(x) x
#else
#define IF_G3(x)
#endif
#if G > 4
#define IF_G4(x) x
#else
#define IF_G4(x)
#endif
#if G > 5
#define IF_G5(x) x
#else
#define IF_G5(x)
#endif
#if R > 0
#define IF_S0(x) x
#else
#define IF_S0(x)
#endif
#if R > 1
#define IF_S1(x) x
#else
#define IF_S1(x)
#endif
#if R > 2
#define IF_S2(x) x
#else
#define IF_S2(x)
#endif
#if R > 3
#define IF_S3(x) x
#else
#define IF_S3(x)
#endif
#if C > 0
#define IF_C0(x) x
#else
#define IF_C0(x)
#endif
#if C > 1
#define IF_C1(x) x
#else
#define IF_C1(x)
#endif
#if C > 2
#define IF_C2(x) x
#else
#define IF_C2(x)
#endif
#if C > 3
#define IF_C3(x) x
#else
#define IF_C3(x)
#endif
#define ALL_E(M, a) ( IF_E0(M(0, a) &&) IF_E1(M(1, a) &&) IF_E2(M(2, a) &&) IF_E3(M(3, a) &&) true )
#define ANY_E(M, a) ( IF_E0(M(0, a) ||) IF_E1(M(1, a) ||) IF_E2(M(2, a) ||) IF_E3(M(3, a) ||) false )
#define SUM_E(M, a) ( IF_E0(M(0, a) +) IF_E1(M(1, a) +) IF_E2(M(2, a) +) IF_E3(M(3, a) +) 0 )
#define EACH_E(M, a) IF_E0(M(0, a)) IF_E1(M(1, a)) IF_E2(M(2, a)) IF_E3(M(3, a))
#define ALL_G(M, a) ( IF_G0(M(0, a) &&) IF_G1(M(1, a) &&) IF_G2(M(2, a) &&) IF_G3(M(3, a) &&) IF_G4(M(4, a) &&) IF_G5(M(5, a) &&) true )
#define ANY_G(M, a) ( IF_G0(M(0, a) ||) IF_G1(M(1, a) ||) IF_G2(M(2, a) ||) IF_G3(M(3, a) ||) IF_G4(M(4, a) ||) IF_G5(M(5, a) ||) false )
#define SUM_G(M, a) ( IF_G0(M(0, a) +) IF_G1(M(1, a) +) IF_G2(M(2, a) +) IF_G3(M(3, a) +) IF_G4(M(4, a) +) IF_G5(M(5, a) +) 0 )
#define EACH_G(M, a) IF_G0(M(0, a)) IF_G1(M(1, a)) IF_G2(M(2, a)) IF_G3(M(3, a)) IF_G4(M(4, a)) IF_G5(M(5, a))
#define ALL_S(M, a) ( IF_S0(M(0, a) &&) IF_S1(M(1, a) &&) IF_S2(M(2, a) &&) IF_S3(M(3, a) &&) true )
#define ANY_S(M, a) ( IF_S0(M(0, a) ||) IF_S1(M(1, a) ||) IF_S2(M(2, a) ||) IF_S3(M(3, a) ||) false )
#define SUM_S(M, a) ( IF_S0(M(0, a) +) IF_S1(M(1, a) +) IF_S2(M(2, a) +) IF_S3(M(3, a) +) 0 )
#define EACH_S(M, a) IF_S0(M(0, a)) IF_S1(M(1, a)) IF_S2(M(2, a)) IF_S3(M(3, a))
#define ALL_C(M, a) ( IF_C0(M(0, a) &&) IF_C1(M(1, a) &&) IF_C2(M(2, a) &&) IF_C3(M(3, a) &&) true )
#define ANY_C(M, a) ( IF_C0(M(0, a) ||) IF_C1(M(1, a) ||) IF_C2(M(2, a) ||) IF_C3(M(3, a) ||) false )
#define SUM_C(M, a) ( IF_C0(M(0, a) +) IF_C1(M(1, a) +) IF_C2(M(2, a) +) IF_C3(M(3, a) +) 0 )
#define EACH_C(M, a) IF_C0(M(0, a)) IF_C1(M(1, a)) IF_C2(M(2, a)) IF_C3(M(3, a))
#define EACH2_G(M, a, b) IF_G0(M(0, a, b)) IF_G1(M(1, a, b)) IF_G2(M(2, a, b)) IF_G3(M(3, a, b)) IF_G4(M(4, a, b)) IF_G5(M(5, a, b))

/* ---- helpers (expressions) ---- */
#define MAPPED_OR_DONE(s) (slot[s] == S_MAPPED || slot[s] == S_DONE)
#define BUSY_SLOT(s, u) MAPPED_OR_DONE(s)
#define BUSY ANY_S(BUSY_SLOT, 0)
#define IN_TREE(g, u) (tree[g] != T_ABSENT)
#define TREE_SIZE SUM_G(IN_TREE, 0)
#define NOT_HOLDS(e, g) (entGref[e] != (g))
#define HELD_BY_NONE(g) ALL_E(NOT_HOLDS, g)
#define TREE_MAPS(g, f) (tree[g] != T_ABSENT && treeFrame[g] == (f))
#define SLOT_MAPS(s, f) (MAPPED_OR_DONE(s) && slotFrame[s] == (f))
#define MAPS_FRAME(f) (ANY_G(TREE_MAPS, f) || ANY_S(SLOT_MAPS, f))
#define TLB_AT(c, f) tlb[(c) * P + (f)]
#define TLB_HAS(f) ANY_C(TLB_AT, f)
#define FE_CONNECTED_OR_CLOSING (fe == XB_CONNECTED || fe == XB_CLOSING)

/* ---- helpers (statements, only inside d_step) ---- */
#define CLEAR_SLOT(s) slot[s] = S_IDLE; slotGref[s] = 0; slotEnt[s] = 0; slotFrame[s] = 0; \
  slotPers[s] = false
#define FLUSH for (k : 0 .. C * P - 1) { tlb[k] = false }

/* ---- state invariants ---- */
#define TREE_AGREES(g, u) (tree[g] == T_ABSENT || (gtPermit[g] && gtFrame[g] == treeFrame[g]))
#define SLOT_AGREES(s, u) (!MAPPED_OR_DONE(s) || \
  (gtPermit[slotGref[s]] && gtFrame[slotGref[s]] == slotFrame[s]))
#define NO_GREF_ALIAS (ALL_G(TREE_AGREES, 0) && ALL_S(SLOT_AGREES, 0))
#define PRIVATE_UNMAPPED(f, u) (frameSt[f] != F_PRIVATE || (!MAPS_FRAME(f) && !TLB_HAS(f)))
#define NO_MAPPED_PRIVATE_FRAME ALL_E(PRIVATE_UNMAPPED, 0)
#define TLB_OK(f, u) (!TLB_HAS(f) || MAPS_FRAME(f))
#define TLB_COHERENT ALL_E(TLB_OK, 0)
#define PIN_SLOT(s, g) (MAPPED_OR_DONE(s) && slotGref[s] == (g) && !slotPers[s])
#define PIN_OK(g, u) (pin[g] == (tree[g] != T_ABSENT) + SUM_S(PIN_SLOT, g))
#define PIN_ACCOUNTING ALL_G(PIN_OK, 0)
#define TREE_BOUNDED (TREE_SIZE <= MAXP)
#define NEGOTIATION_AGREEMENT (!(fe == XB_CONNECTED && be == XB_CONNECTED) || fePers == bePers)
#define TLB_EMPTY_FOR(f, u) (!TLB_HAS(f))
#define CLEAN_TEARDOWN (be != XB_CLOSED || (TREE_SIZE == 0 && !BUSY && ALL_E(TLB_EMPTY_FOR, 0)))

/* ---- parameterised actions ---- */
#define DEFERRED_RELEASE(g, u) \
  :: d_step { gtPermit[g] && pin[g] == 0 && HELD_BY_NONE(g) -> \
       if \
       :: frameSt[gtFrame[g]] == F_DEFERRED -> frameSt[gtFrame[g]] = F_PRIVATE \
       :: else -> skip \
       fi; \
       gtPermit[g] = false; gtFrame[g] = 0 }

#define SUBMIT_GUARD(e, s) (fe == XB_CONNECTED && pool && frameSt[e] == F_POOL && \
  entSlot[e] == NONE_S && slot[s] == S_IDLE)

#define SUBMIT_REUSE(s, e) \
  :: d_step { SUBMIT_GUARD(e, s) && entGref[e] != NONE_G -> \
       entSlot[e] = s; slot[s] = S_POSTED; slotGref[s] = entGref[e]; slotEnt[s] = e }
#define SUBMIT_REUSE_E(e, u) EACH_S(SUBMIT_REUSE, e)

#define SUBMIT_GRANT(g, e, s) \
  :: d_step { SUBMIT_GUARD(e, s) && entGref[e] == NONE_G && !gtPermit[g] -> \
       gtPermit[g] = true; gtFrame[g] = e; entGref[e] = g; \
       entSlot[e] = s; slot[s] = S_POSTED; slotGref[s] = g; slotEnt[s] = e }
#define SUBMIT_GRANT_ES(s, e) EACH2_G(SUBMIT_GRANT, e, s)
#define SUBMIT_GRANT_E(e, u) EACH_S(SUBMIT_GRANT_ES, e)

#define BACK_MAP(s, u) \
  :: d_step { be == XB_CONNECTED && slot[s] == S_POSTED -> \
       j = slotGref[s]; \
       if \
       :: bePers && tree[j] == T_IDLE -> \
            tree[j] = T_ACTIVE; slotFrame[s] = treeFrame[j]; slotPers[s] = true; \
            slot[s] = S_MAPPED \
       :: else -> \
            if \
            :: !gtPermit[j] -> slot[s] = S_RESPONDED; slotFrame[s] = 0; slotPers[s] = false \
            :: else -> \
                 pin[j] = pin[j] + 1; slotFrame[s] = gtFrame[j]; slot[s] = S_MAPPED; \
                 if \
                 :: bePers && tree[j] == T_ABSENT && TREE_SIZE < MAXP -> \
                      tree[j] = T_ACTIVE; treeFrame[j] = gtFrame[j]; slotPers[s] = true \
                 :: else -> slotPers[s] = false \
                 fi \
            fi \
       fi }

#define BACK_IO(c, s) \
  :: d_step { slot[s] == S_MAPPED -> TLB_AT(c, slotFrame[s]) = true; slot[s] = S_DONE }
#define BACK_IO_S(s, u) EACH_C(BACK_IO, s)

#define BACK_RESPOND(s, u) \
  :: d_step { slot[s] == S_DONE -> \
       if \
       :: slotPers[s] -> tree[slotGref[s]] = T_IDLE \
       :: else -> pin[slotGref[s]] = pin[slotGref[s]] - 1; FLUSH \
       fi; \
       slotFrame[s] = 0; slotPers[s] = false; \
       if \
       :: FE_CONNECTED_OR_CLOSING && pool -> slot[s] = S_RESPONDED \
       :: else -> CLEAR_SLOT(s) \
       fi }

#define FRONT_COMPLETE(s, u) \
  :: d_step { slot[s] == S_RESPONDED && FE_CONNECTED_OR_CLOSING && pool -> \
       i = slotEnt[s]; j = slotGref[s]; \
       if \
       :: pin[j] == 0 -> gtPermit[j] = false; gtFrame[j] = 0; entGref[i] = NONE_G \
       :: else -> skip \
       fi; \
       entSlot[i] = NONE_S; \
       CLEAR_SLOT(s) }

active proctype blkif()
{
  do
  /* ---- connection lifecycle ---- */
  :: d_step { be == XB_INITIALISING -> be = XB_INITWAIT }                      /* BackProbe */
  :: d_step { fe == XB_INITIALISING && be == XB_INITWAIT -> fe = XB_INITIALISED } /* FrontInit */
  :: d_step { fe == XB_INITIALISED && be == XB_INITWAIT ->                       /* BackConnect */
       be = XB_CONNECTED; bePers = (BP && FP) }
  :: d_step { fe == XB_INITIALISED && be == XB_CONNECTED ->                      /* FrontConnect */
       fe = XB_CONNECTED; fePers = (FP && BP);
       for (i : 0 .. P - 1) {
         if
         :: frameSt[i] == F_PRIVATE -> frameSt[i] = F_POOL
         :: else -> skip
         fi
       };
       pool = true }   /* (a d_step must not end in a for loop: SPIN 6.5.2 bug) */
  :: d_step { fe == XB_CONNECTED -> fe = XB_CLOSING }                            /* FrontClose */
  :: d_step { be == XB_CONNECTED -> be = XB_CLOSING }                            /* BackClose */
  :: d_step { (fe == XB_INITIALISED || fe == XB_CONNECTED || fe == XB_CLOSING) && /* FrontClosed */
              be == XB_CLOSING -> fe = XB_CLOSED }
  :: d_step { be == XB_CLOSING && fe == XB_CLOSED && !BUSY ->                    /* BackDisconnect */
       for (i : 0 .. G - 1) {
         if
         :: tree[i] != T_ABSENT -> pin[i] = pin[i] - 1; tree[i] = T_ABSENT; treeFrame[i] = 0
         :: else -> skip
         fi
       };
       FLUSH;
       be = XB_CLOSED }
  :: d_step { fe == XB_CLOSED && pool ->                                         /* FrontFree */
       for (i : 0 .. P - 1) {
         if
         :: entGref[i] != NONE_G ->
              j = entGref[i];
              if
              :: pin[j] == 0 -> gtPermit[j] = false; gtFrame[j] = 0; frameSt[i] = F_PRIVATE
              :: else -> frameSt[i] = F_DEFERRED
              fi;
              entGref[i] = NONE_G
         :: else ->
              if
              :: frameSt[i] == F_POOL -> frameSt[i] = F_PRIVATE
              :: else -> skip
              fi
         fi;
         entSlot[i] = NONE_S
       };
       for (i : 0 .. R - 1) {
         if
         :: slot[i] == S_POSTED || slot[i] == S_RESPONDED -> CLEAR_SLOT(i)
         :: else -> skip
         fi
       };
       pool = false }
  EACH_G(DEFERRED_RELEASE, 0)                                                    /* DeferredRelease(g) */
  :: d_step { fe == XB_CLOSED && !pool && be == XB_CLOSED ->                     /* FrontReinit */
       fe = XB_INITIALISING; fePers = false }
  :: d_step { be == XB_CLOSED && fe == XB_INITIALISING ->                        /* BackReprobe */
       be = XB_INITWAIT; bePers = false }
  /* ---- I/O ---- */
  EACH_E(SUBMIT_REUSE_E, 0)                                                      /* FrontSubmitReuse(e, s) */
  EACH_E(SUBMIT_GRANT_E, 0)                                                      /* FrontSubmitGrant(e, s, g) */
  EACH_S(BACK_MAP, 0)                                                            /* BackMap(s) */
  EACH_S(BACK_IO_S, 0)                                                           /* BackIo(s, c) */
  EACH_S(BACK_RESPOND, 0)                                                        /* BackRespond(s) */
  EACH_S(FRONT_COMPLETE, 0)                                                      /* FrontComplete(s) */
  od
}

/* The state invariants, checked in every reachable state. One assertion over their conjunction
 * keeps the claim at a single control state, so it adds no states; the violated one can be
 * found from the trail. */
never {
  do
  :: assert(NO_GREF_ALIAS && NO_MAPPED_PRIVATE_FRAME && TLB_COHERENT && PIN_ACCOUNTING &&
            TREE_BOUNDED && NEGOTIATION_AGREEMENT && CLEAN_TEARDOWN)
  od
}
