/**
 * A document exactly as the product's mongoose model would store it, for the benchmarks' raw
 * inserts (data setup and floors): the model's defaults and derived fields (validate hooks, e.g.
 * the users' countyCodes/staffCountyCodes the product's list queries ask by), fields the schema does
 * not have dropped. Throws when a required field is missing, so a change of the stored shape
 * breaks the benchmark loudly instead of leaving documents the product cannot find by its indexed
 * equalities.
 */
/** Any model of the product, as far as the benchmarks use it. */
export interface AnyModel {
  new (fields: Record<string, unknown>): { validate(): Promise<void>; toObject(): object };
  collection: { name: string };
}

export async function stored(model: AnyModel, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  const doc = new model(fields);
  await doc.validate();
  return doc.toObject() as Record<string, unknown>;
}

/** stored() for many documents, a batch at a time. */
export async function storedMany(
  model: AnyModel,
  fields: readonly Record<string, unknown>[],
  batch = 2000,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < fields.length; i += batch)
    out.push(...(await Promise.all(fields.slice(i, i + batch).map((f) => stored(model, f)))));
  return out;
}
