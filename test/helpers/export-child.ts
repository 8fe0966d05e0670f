import { generateCase } from '../../bench/generate';
import { writeCasefile } from '../../src/main/services/exchange/casefile-write';
import { newIdentity } from '../../src/main/services/exchange/identity';

/** Exports a generated case of argv[3] events to argv[2], printing "generated" before it starts writing (tests kill it mid-way). */
const out = process.argv[2] ?? '';
const events = Number(process.argv[3] ?? 100_000);
const identity = await newIdentity('child');
const doc = generateCase({ events, actors: 1_000 });
process.stdout.write('generated\n');
const written = await writeCasefile({ doc, identity, sequence: 1, maxMarking: 'TLP:RED', to: { recipients: [identity.ageRecipient] }, out, overwrite: true });
process.stdout.write(`written ${written.size}\n`);
