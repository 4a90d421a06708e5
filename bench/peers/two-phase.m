-- Two-phase commit (the TwoPhase specification of Lamport's TLA+ examples), Murphi version for
-- the gntcheck peer benchmark (checked with Rumur). Written for this benchmark; see bench/README.md.
--
-- Resource managers are a subrange, not a scalarset, so no symmetry reduction applies and every
-- reachable valuation of the variables is one state.
--
-- The runner replaces the value of RM below (nothing else).

const
  RM: 3;

type
  rmId: 0 .. RM - 1;
  rmStateT: enum { working, prepared, committed, aborted };
  tmStateT: enum { tmInit, tmCommitted, tmAborted };

var
  rmState: array [rmId] of rmStateT;
  tmState: tmStateT;
  tmPrepared: array [rmId] of boolean;
  msgPrepared: array [rmId] of boolean;
  msgCommit: boolean;
  msgAbort: boolean;

startstate "Init"
  for r: rmId do
    rmState[r] := working;
    tmPrepared[r] := false;
    msgPrepared[r] := false;
  endfor;
  tmState := tmInit;
  msgCommit := false;
  msgAbort := false;
endstartstate;

ruleset r: rmId do
  rule "TMRcvPrepared"
    tmState = tmInit & msgPrepared[r]
  ==>
  begin
    tmPrepared[r] := true;
  endrule;
endruleset;

rule "TMCommit"
  tmState = tmInit & forall r: rmId do tmPrepared[r] endforall
==>
begin
  tmState := tmCommitted;
  msgCommit := true;
endrule;

rule "TMAbort"
  tmState = tmInit
==>
begin
  tmState := tmAborted;
  msgAbort := true;
endrule;

ruleset r: rmId do
  rule "RMPrepare"
    rmState[r] = working
  ==>
  begin
    rmState[r] := prepared;
    msgPrepared[r] := true;
  endrule;

  rule "RMChooseToAbort"
    rmState[r] = working
  ==>
  begin
    rmState[r] := aborted;
  endrule;

  rule "RMRcvCommitMsg"
    msgCommit
  ==>
  begin
    rmState[r] := committed;
  endrule;

  rule "RMRcvAbortMsg"
    msgAbort
  ==>
  begin
    rmState[r] := aborted;
  endrule;
endruleset;

invariant "TCConsistent"
  !(exists r: rmId do rmState[r] = committed endexists &
    exists r: rmId do rmState[r] = aborted endexists);
