import { z } from 'zod';
import { deepFreeze, readReferenceFile } from './reference-file.js';

const siren = z.string().regex(/^\d{9}$/);
const inseeCode = z.string().regex(/^\d[\dAB]\d{3}$/);
const postalCodes = z.array(z.string().regex(/^\d{5}$/)).min(1);

const territorySchema = z.object({
  agglomeration: z.object({ siren, name: z.string().min(1), population: z.number().int().positive() }),
  communes: z
    .array(z.object({ inseeCode, siren, name: z.string().min(1), population: z.number().int().positive(), postalCodes }))
    .min(1),
});
const varCommunesSchema = z.array(z.object({ inseeCode, name: z.string().min(1), postalCodes, siren })).min(1);

/** The EPCI (communauté d'agglomération); `population` is the INSEE population totale. */
export type Agglomeration = { readonly siren: string; readonly name: string; readonly population: number };
/** A member commune of the agglomeration; `population` is the INSEE population totale. */
export type MemberCommune = {
  readonly inseeCode: string;
  readonly siren: string;
  readonly name: string;
  readonly population: number;
  readonly postalCodes: readonly string[];
};
export type Territory = { readonly agglomeration: Agglomeration; readonly communes: readonly MemberCommune[] };
/** A commune of the Var (83): where a notice may be performed. */
export type VarCommune = {
  readonly inseeCode: string;
  readonly name: string;
  readonly postalCodes: readonly string[];
  readonly siren: string;
};

let territory: Territory | undefined;
let varCommunes: { readonly list: readonly VarCommune[]; readonly byInsee: ReadonlyMap<string, VarCommune> } | undefined;

/** The CA Dracénie Provence Verdon Agglomération and its member communes (largest first), read once. */
export function getTerritory(): Territory {
  territory ??= deepFreeze(readReferenceFile('territory.json', territorySchema));
  return territory;
}

function loadVarCommunes() {
  if (!varCommunes) {
    const list = deepFreeze(readReferenceFile('communes-var.json', varCommunesSchema));
    varCommunes = { list, byInsee: new Map(list.map((commune) => [commune.inseeCode, commune])) };
  }
  return varCommunes;
}

/** The 153 communes of the Var, by INSEE code. */
export function listVarCommunes(): readonly VarCommune[] {
  return loadVarCommunes().list;
}

/** The Var commune with this INSEE code ("83050"; surrounding spaces ignored), or undefined. */
export function getVarCommune(inseeCode: string): VarCommune | undefined {
  return loadVarCommunes().byInsee.get(inseeCode.trim());
}
