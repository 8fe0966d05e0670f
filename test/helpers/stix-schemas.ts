import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

/** The official OASIS STIX 2.1 schemas, registered by $id (tests may read ../shared; the product never does). */
const ROOT = join(process.cwd(), '../shared/reference/stix-2.1-json-schemas');

export interface StixValidator {
  /** Errors of the bundle against bundle.json and of every object against its own type's schema. */
  errors(bundle: { objects: { type: string }[] }): string[];
}

export function stixValidator(): StixValidator {
  const ajv = new Ajv2020({ strict: false, unicodeRegExp: false, allErrors: false });
  addFormats(ajv);
  const byName = new Map<string, string>();
  for (const folder of ['common', 'sdos', 'sros', 'observables']) {
    for (const file of readdirSync(join(ROOT, folder)).filter((f) => f.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(join(ROOT, folder, file), 'utf8')) as { $id: string };
      ajv.addSchema(schema);
      byName.set(file.replace(/\.json$/, ''), schema.$id);
    }
  }
  const compiled = new Map<string, ValidateFunction>();
  const validator = (name: string): ValidateFunction => {
    let fn = compiled.get(name);
    if (!fn) {
      fn = ajv.getSchema(byName.get(name) ?? '') as ValidateFunction;
      compiled.set(name, fn);
    }
    return fn;
  };
  return {
    errors(bundle) {
      const out: string[] = [];
      const check = (name: string, value: unknown): void => {
        const fn = validator(name);
        if (!fn(value)) out.push(`${name}: ${ajv.errorsText(fn.errors)}`);
      };
      // bundle.json lists the SDOs it knows by name and sends every other type (incident, note,
      // location, opinion, grouping) to a "custom object" branch that is oneOf(core,
      // cyber-observable-core) — and a valid incident matches both, so bundle.json rejects any
      // bundle holding one (the schemas' own defect, reproduced with a minimal incident). So the
      // envelope is checked with the objects bundle.json names, and EVERY object against its own
      // type's schema, which is the stricter check.
      const listed = new Set(['identity', 'threat-actor', 'intrusion-set', 'campaign', 'relationship', 'report', 'sighting', 'marking-definition']);
      check('bundle', { ...bundle, objects: bundle.objects.filter((o) => listed.has(o.type)) });
      for (const object of bundle.objects) {
        if (!byName.has(object.type)) out.push(`${object.type}: no official schema for this type`);
        else check(object.type, object);
      }
      return out;
    },
  };
}
