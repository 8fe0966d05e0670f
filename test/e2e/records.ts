import type { Actor } from '../../src/shared/domain/actor';
import type { Event } from '../../src/shared/domain/event';

/** A valid, minimal event for tests that put records through the IPC API. */
export function testEvent(id: string, title: string, day = '2024-03-20'): Event {
  return {
    id,
    title,
    category: 'attack',
    date: { value: day, precision: 'day' },
    location: { country: 'RU', place: title, geoPrecision: 'country' },
    scope: 'external',
    description: title,
    tags: [],
    marking: 'TLP:CLEAR',
    responsibility: [],
    citations: [],
  };
}

/** A valid, minimal actor with one Arabic-script alias. */
export function testActor(id: string, name: string): Actor {
  return {
    id,
    kind: 'person',
    name,
    aliases: [{ name, language: 'ar', script: 'Arab', citations: [] }],
    roles: [],
    nationality: [],
    description: name,
    tags: [],
    marking: 'TLP:CLEAR',
    citations: [],
  };
}
