import { useEffect, useRef, useState } from 'react';
import { licenseApi } from '../licenses/index.tsx';
import { mandateApi } from '../mandates/index.tsx';
import type { Mandate } from '../mandates/index.tsx';
import type { ApplyMode } from './applyMode.ts';
import { caseApi } from './caseApi.ts';
import type { CaseDetail, License } from '../../api/types.ts';

/**
 * The draft being applied for (`?case=`, once it exists) and what the platform offers for it: the licences that can
 * replace materials, the applicant's wallet before the draft exists, an agent's mandates.
 */
export function useApplyCase(caseNumber: string | null, mode: ApplyMode) {
  const [detail, setDetail] = useState<CaseDetail>();
  const [loadError, setLoadError] = useState<unknown>();
  const [mandates, setMandates] = useState<Mandate[]>();
  const [wallet, setWallet] = useState<License[]>([]);
  const [candidates, setCandidates] = useState<Record<string, License | null>>({});

  // Only the newest load may set the case: an older answer arriving late would undo a newer change on screen.
  const loads = useRef(0);
  const reloadCase = async (n: string) => {
    const mine = ++loads.current;
    const d = await caseApi.get(n);
    if (mine === loads.current) setDetail(d);
    return d;
  };

  // An existing draft (?case=), and below the licences the platform offers for it.
  useEffect(() => {
    if (!caseNumber) return;
    setLoadError(undefined);
    const mine = ++loads.current;
    caseApi.get(caseNumber).then((d) => {
      if (mine === loads.current) setDetail(d);
    }, setLoadError);
  }, [caseNumber]);
  useEffect(() => {
    if (!detail || mode === 'window') return;
    caseApi.candidates(detail.number).then(
      (r) => setCandidates(Object.fromEntries(r.items.map((c) => [c.key, c.license]))),
      () => setCandidates({}),
    );
  }, [detail?.number, detail?.version, mode]);
  useEffect(() => {
    if (mode !== 'agent') return;
    mandateApi.received().then(
      (r) => setMandates(r.items),
      () => setMandates([]),
    );
  }, [mode]);
  // Before a draft exists, the applicant's own wallet previews the licences the platform will offer.
  useEffect(() => {
    if (mode !== 'self') return;
    licenseApi.mine().then(
      (r) => setWallet(r.items),
      () => setWallet([]),
    );
  }, [mode]);

  return { detail, setDetail, loadError, reloadCase, mandates, wallet, candidates };
}
