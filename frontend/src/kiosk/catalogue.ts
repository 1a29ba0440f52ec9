/** Pure helpers over the catalogue: which providers go in which group on the welcome screen. */
import type { Catalogue, Provider } from "../lib/protocol.gen";

export interface CatalogueGroups {
  municipal: Provider[];
  private: Provider[];
}

/** City departments first, then private counters; providers without services are left out. */
export function groupProviders(catalogue: Catalogue): CatalogueGroups {
  const withServices = catalogue.providers.filter((p) => p.services.length > 0);
  return {
    municipal: withServices.filter((p) => p.kind === "municipal"),
    private: withServices.filter((p) => p.kind === "private"),
  };
}
