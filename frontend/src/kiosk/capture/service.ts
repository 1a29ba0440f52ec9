/** Facts about the visit's service and this terminal that the capture screens depend on. */
import { useEffect, useState } from "preact/hooks";
import { api, type TerminalKind } from "../../lib/api";
import type { Service } from "../../lib/protocol.gen";

let catalogue: Promise<Map<string, Service>> | null = null;
let terminal: Promise<TerminalKind> | null = null;

function serviceById(id: string): Promise<Service | undefined> {
  catalogue ??= api.catalogue().then(
    (c) => new Map(c.providers.flatMap((p) => p.services.map((s) => [s.id, s] as const))),
    (e) => {
      catalogue = null;
      throw e;
    },
  );
  return catalogue.then((m) => m.get(id));
}

/** Whether the service reads the My Number Card (its identity check): then its back must never be filmed. */
export function useReadsCard(serviceId: string): boolean {
  const [reads, setReads] = useState(false);
  useEffect(() => {
    let live = true;
    serviceById(serviceId).then(
      (s) => live && setReads(!!s?.needs_identity_check),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [serviceId]);
  return reads;
}

/** This terminal's kind (a home tablet offers photo and video sharing); null until known. */
export function useTerminalKind(): TerminalKind | null {
  const [kind, setKind] = useState<TerminalKind | null>(null);
  useEffect(() => {
    let live = true;
    terminal ??= api.terminalMe().then(
      (t) => t.kind,
      (e) => {
        terminal = null;
        throw e;
      },
    );
    terminal.then(
      (k) => live && setKind(k),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return kind;
}
