-- The blkif reference model (shared/reference/blkif-reference-model.md), reference protocol with
-- every variant off, Murphi version for the gntcheck peer benchmark (checked with Rumur).
-- Written for this benchmark from the reference page; see bench/README.md.
--
-- Every action of the page is one rule (one per parameter value, through rulesets); guards and
-- effects follow the page line by line. Values that do not matter are reset exactly as the page
-- says, so every reachable valuation of the variables is one state. Indices are subranges, not
-- scalarsets, so no symmetry reduction applies.
--
-- The runner replaces the values of the constants below (nothing else).

const
  P: 2;        -- pool entries; entry e owns frame e
  G: 3;        -- grant references 0 .. G-1
  R: 2;        -- ring slots (request ids)
  C: 2;        -- backend vCPUs
  MAXP: 2;     -- backend limit on persistent grants
  FP: true;    -- frontend feature_persistent
  BP: true;    -- backend feature_persistent

type
  entId: 0 .. P - 1;
  frameId: 0 .. P - 1;
  grefId: 0 .. G - 1;
  slotId: 0 .. R - 1;
  cpuId: 0 .. C - 1;
  optGref: 0 .. G;         -- G stands for "none"
  optSlot: 0 .. R;         -- R stands for "none"
  pinT: 0 .. R + 1;        -- at most one tree node and R slots map a gref
  countT: 0 .. G;
  xbState: enum { Initialising, InitWait, Initialised, Connected, Closing, Closed };
  frameStT: enum { Private, Pool, Deferred };
  slotStT: enum { SIdle, Posted, Mapped, Done, Responded };
  treeStT: enum { Absent, TIdle, Active };

var
  fe: xbState;
  be: xbState;
  fePers: boolean;
  bePers: boolean;
  pool: boolean;
  gtPermit: array [grefId] of boolean;
  gtFrame: array [grefId] of frameId;
  pin: array [grefId] of pinT;
  entGref: array [entId] of optGref;
  entSlot: array [entId] of optSlot;
  frameSt: array [frameId] of frameStT;
  slot: array [slotId] of slotStT;
  slotGref: array [slotId] of grefId;
  slotEnt: array [slotId] of entId;
  slotFrame: array [slotId] of frameId;
  slotPers: array [slotId] of boolean;
  tree: array [grefId] of treeStT;
  treeFrame: array [grefId] of frameId;
  tlb: array [cpuId] of array [frameId] of boolean;

-- helpers -----------------------------------------------------------------------------------

function treeSize(): countT;
  var n: countT;
begin
  n := 0;
  for g: grefId do
    if tree[g] != Absent then n := n + 1; endif;
  endfor;
  return n;
end;

function busy(): boolean;
begin
  return exists s: slotId do slot[s] = Mapped | slot[s] = Done endexists;
end;

function mapsFrame(f: frameId): boolean;
begin
  return (exists g: grefId do tree[g] != Absent & treeFrame[g] = f endexists)
       | (exists s: slotId do (slot[s] = Mapped | slot[s] = Done) & slotFrame[s] = f endexists);
end;

-- 1 for a tree node of g, plus the ordinary (non-persistent) Mapped/Done slots of g
function expectedPin(g: grefId): 0 .. R + 1;
  var n: 0 .. R + 1;
begin
  n := 0;
  if tree[g] != Absent then n := 1; endif;
  for s: slotId do
    if (slot[s] = Mapped | slot[s] = Done) & slotGref[s] = g & !slotPers[s] then n := n + 1; endif;
  endfor;
  return n;
end;

procedure clearSlot(s: slotId);
begin
  slot[s] := SIdle;
  slotGref[s] := 0;
  slotEnt[s] := 0;
  slotFrame[s] := 0;
  slotPers[s] := false;
end;

procedure flush();
begin
  for c: cpuId do
    for f: frameId do
      tlb[c][f] := false;
    endfor;
  endfor;
end;

-- initial state -----------------------------------------------------------------------------

startstate "Init"
  fe := Initialising;
  be := Initialising;
  fePers := false;
  bePers := false;
  pool := false;
  for g: grefId do
    gtPermit[g] := false;
    gtFrame[g] := 0;
    pin[g] := 0;
    tree[g] := Absent;
    treeFrame[g] := 0;
  endfor;
  for e: entId do
    entGref[e] := G;
    entSlot[e] := R;
  endfor;
  for f: frameId do
    frameSt[f] := Private;
  endfor;
  for s: slotId do
    slot[s] := SIdle;
    slotGref[s] := 0;
    slotEnt[s] := 0;
    slotFrame[s] := 0;
    slotPers[s] := false;
  endfor;
  for c: cpuId do
    for f: frameId do
      tlb[c][f] := false;
    endfor;
  endfor;
endstartstate;

-- connection lifecycle ----------------------------------------------------------------------

rule "BackProbe"
  be = Initialising
==>
begin
  be := InitWait;
endrule;

rule "FrontInit"
  fe = Initialising & be = InitWait
==>
begin
  fe := Initialised;
endrule;

rule "BackConnect"
  fe = Initialised & be = InitWait
==>
begin
  be := Connected;
  bePers := BP & FP;
endrule;

rule "FrontConnect"
  fe = Initialised & be = Connected
==>
begin
  fe := Connected;
  fePers := FP & BP;
  pool := true;
  for f: frameId do
    if frameSt[f] = Private then frameSt[f] := Pool; endif;
  endfor;
endrule;

rule "FrontClose"
  fe = Connected
==>
begin
  fe := Closing;
endrule;

rule "BackClose"
  be = Connected
==>
begin
  be := Closing;
endrule;

rule "FrontClosed"
  (fe = Initialised | fe = Connected | fe = Closing) & be = Closing
==>
begin
  fe := Closed;
endrule;

rule "BackDisconnect"
  be = Closing & fe = Closed & !busy()
==>
begin
  for g: grefId do
    if tree[g] != Absent then
      pin[g] := pin[g] - 1;
      tree[g] := Absent;
      treeFrame[g] := 0;
    endif;
  endfor;
  flush();
  be := Closed;
endrule;

rule "FrontFree"
  fe = Closed & pool
==>
  var g: grefId;
begin
  for e: entId do
    if entGref[e] != G then
      g := entGref[e];
      if pin[g] = 0 then
        gtPermit[g] := false;
        gtFrame[g] := 0;
        frameSt[e] := Private;
      else
        frameSt[e] := Deferred;
      endif;
      entGref[e] := G;
    elsif frameSt[e] = Pool then
      frameSt[e] := Private;
    endif;
    entSlot[e] := R;
  endfor;
  for s: slotId do
    if slot[s] = Posted | slot[s] = Responded then clearSlot(s); endif;
  endfor;
  pool := false;
endrule;

ruleset g: grefId do
  rule "DeferredRelease"
    gtPermit[g] & pin[g] = 0 & forall e: entId do entGref[e] != g endforall
  ==>
  begin
    if frameSt[gtFrame[g]] = Deferred then frameSt[gtFrame[g]] := Private; endif;
    gtPermit[g] := false;
    gtFrame[g] := 0;
  endrule;
endruleset;

rule "FrontReinit"
  fe = Closed & !pool & be = Closed
==>
begin
  fe := Initialising;
  fePers := false;
endrule;

rule "BackReprobe"
  be = Closed & fe = Initialising
==>
begin
  be := InitWait;
  bePers := false;
endrule;

-- I/O ---------------------------------------------------------------------------------------

ruleset e: entId; s: slotId do
  rule "FrontSubmitReuse"
    fe = Connected & pool & frameSt[e] = Pool & entSlot[e] = R & slot[s] = SIdle & entGref[e] != G
  ==>
  begin
    entSlot[e] := s;
    slot[s] := Posted;
    slotGref[s] := entGref[e];
    slotEnt[s] := e;
  endrule;
endruleset;

ruleset e: entId; s: slotId; g: grefId do
  rule "FrontSubmitGrant"
    fe = Connected & pool & frameSt[e] = Pool & entSlot[e] = R & slot[s] = SIdle & entGref[e] = G
    & !gtPermit[g]
  ==>
  begin
    gtPermit[g] := true;
    gtFrame[g] := e;
    entGref[e] := g;
    entSlot[e] := s;
    slot[s] := Posted;
    slotGref[s] := g;
    slotEnt[s] := e;
  endrule;
endruleset;

ruleset s: slotId do
  rule "BackMap"
    be = Connected & slot[s] = Posted
  ==>
    var g: grefId;
  begin
    g := slotGref[s];
    if bePers & tree[g] = TIdle then
      tree[g] := Active;
      slotFrame[s] := treeFrame[g];
      slotPers[s] := true;
      slot[s] := Mapped;
    elsif !gtPermit[g] then
      slot[s] := Responded;
      slotFrame[s] := 0;
      slotPers[s] := false;
    else
      pin[g] := pin[g] + 1;
      slotFrame[s] := gtFrame[g];
      slot[s] := Mapped;
      if bePers & tree[g] = Absent & treeSize() < MAXP then
        tree[g] := Active;
        treeFrame[g] := gtFrame[g];
        slotPers[s] := true;
      else
        slotPers[s] := false;
      endif;
    endif;
  endrule;
endruleset;

ruleset s: slotId; c: cpuId do
  rule "BackIo"
    slot[s] = Mapped
  ==>
  begin
    tlb[c][slotFrame[s]] := true;
    slot[s] := Done;
  endrule;
endruleset;

ruleset s: slotId do
  rule "BackRespond"
    slot[s] = Done
  ==>
  begin
    if slotPers[s] then
      tree[slotGref[s]] := TIdle;
    else
      pin[slotGref[s]] := pin[slotGref[s]] - 1;
      flush();
    endif;
    slotFrame[s] := 0;
    slotPers[s] := false;
    if (fe = Connected | fe = Closing) & pool then
      slot[s] := Responded;
    else
      clearSlot(s);
    endif;
  endrule;
endruleset;

ruleset s: slotId do
  rule "FrontComplete"
    slot[s] = Responded & (fe = Connected | fe = Closing) & pool
  ==>
    var e: entId;
    var g: grefId;
  begin
    e := slotEnt[s];
    g := slotGref[s];
    if pin[g] = 0 then
      gtPermit[g] := false;
      gtFrame[g] := 0;
      entGref[e] := G;
    endif;
    entSlot[e] := R;
    clearSlot(s);
  endrule;
endruleset;

-- state invariants --------------------------------------------------------------------------

invariant "noGrefAlias"
  forall g: grefId do
    (tree[g] != Absent -> (gtPermit[g] & gtFrame[g] = treeFrame[g]))
    & forall s: slotId do
        ((slot[s] = Mapped | slot[s] = Done) & slotGref[s] = g)
          -> (gtPermit[g] & gtFrame[g] = slotFrame[s])
      endforall
  endforall;

invariant "noMappedPrivateFrame"
  forall f: frameId do
    frameSt[f] = Private -> (!mapsFrame(f) & forall c: cpuId do !tlb[c][f] endforall)
  endforall;

invariant "tlbCoherent"
  forall c: cpuId do
    forall f: frameId do
      tlb[c][f] -> mapsFrame(f)
    endforall
  endforall;

invariant "pinAccounting"
  forall g: grefId do pin[g] = expectedPin(g) endforall;

invariant "treeBounded"
  treeSize() <= MAXP;

invariant "negotiationAgreement"
  (fe = Connected & be = Connected) -> fePers = bePers;

invariant "cleanTeardown"
  be = Closed ->
    (treeSize() = 0 & !busy()
     & forall c: cpuId do forall f: frameId do !tlb[c][f] endforall endforall);
