import type { Event } from '../../shared/domain/event';
import { count, ev, inCity, inProvince, on } from './isk-event-helpers';
import { byIsk, DOWN, STRATEGY } from './isk-events-internal';
import { cite, citeVia } from './isk-sources';

/** Attacks in ISK's home region in 2024 (Kabul, Kandahar, Herat, Bamyan). */
export const ISK_EVENTS_INTERNAL_2024: Event[] = [
  ev({
    id: 'event--2024-01-kabul-dasht-e-barchi-attack',
    title: 'Attack in Kabul’s Dasht-e-Barchi',
    category: 'attack',
    date: on('2024-01'),
    location: inCity('AF', 'kabul', 'Dasht-e-Barchi, Kabul', 'Kabul'),
    targetType: 'Hazara community',
    scope: 'internal',
    description: 'Sectarian attack in Kabul’s Hazara neighbourhood of Dasht-e-Barchi, continuing the campaign into 2024.',
    tags: ['sectarian', 'hazara', 'kabul'],
    responsibility: [byIsk(`${DOWN}, endnote 39`)],
    citations: [cite(`${DOWN}, endnote 39`, 2)],
  }),
  ev({
    id: 'event--2024-03-kandahar-kabul-bank-suicide-attack',
    title: 'Suicide attack outside Kabul Bank in Kandahar',
    category: 'attack',
    date: on('2024-03'),
    location: inCity('AF', 'kandahar', 'Kabul Bank, Kandahar', 'Kandahar'),
    attackType: 'suicide attack',
    targetType: 'bank',
    scope: 'internal',
    description:
      'Only ISK’s second attack in Kandahar. Al Naba photos showed the preparation, including watching the bank staff’s shift pattern.',
    tags: ['kandahar', 'taliban-heartland'],
    responsibility: [
      {
        actorId: 'actor--isk',
        kind: 'claimed',
        confidence: 'high',
        by: 'Al Naba (Islamic State newsletter)',
        byActorId: 'actor--al-naba',
        citations: [citeVia('source--al-naba-kandahar-2024', 'endnote 70', 3)],
      },
    ],
    citations: [cite(`${STRATEGY}, endnotes 69–70`, 2), citeVia('source--al-naba-kandahar-2024', 'endnote 70', 3)],
  }),
  ev({
    id: 'event--2024-05-herat-mosque-bombing',
    title: 'Mosque bombing in Herat',
    category: 'attack',
    date: on('2024-05'),
    location: inProvince('AF', 'Herat', 'Herat'),
    attackType: 'bombing',
    targetType: 'mosque',
    scope: 'internal',
    description: 'Sectarian bombing of a mosque in Herat. Day, exact place and toll are not given.',
    tags: ['sectarian', 'herat'],
    responsibility: [byIsk(`${DOWN}, endnote 40`)],
    citations: [cite(`${DOWN}, endnote 40`, 2)],
  }),
  ev({
    id: 'event--2024-05-19-bamyan-tourist-attack',
    title: 'Attack on foreign tourists in Bamyan',
    category: 'attack',
    date: on('2024-05-19'),
    location: inCity('AF', 'bamyan', 'Bamyan', 'Bamyan'),
    targetType: 'foreign tourists',
    fatalities: count(4),
    scope: 'internal',
    description:
      'Three Spanish tourists and one Afghan were killed and several more wounded (number not given). The article reads it as a bid for notoriety against high-profile targets that undercuts Taliban authority.',
    tags: ['foreigners', 'tourists', 'spain', 'bamyan'],
    responsibility: [
      { actorId: 'actor--isk', kind: 'claimed', confidence: 'high', by: 'ISK', byActorId: 'actor--isk', citations: [cite(`${STRATEGY}, endnote 65`, 2)] },
    ],
    citations: [cite(`${STRATEGY}, endnote 65`, 2), cite(`${STRATEGY}, endnote 65`, 2, 'fatalities')],
  }),
  ev({
    id: 'event--2024-05-20-kandahar-police-attack',
    title: 'Attack on police in Kandahar',
    category: 'attack',
    date: on('2024-05-20'),
    location: inCity('AF', 'kandahar', 'Kandahar', 'Kandahar'),
    targetType: 'police',
    scope: 'internal',
    description: 'ISK’s third attack in Kandahar, the Taliban’s spiritual centre, two months after the bank bombing — in line with al-Muhajir’s call to hit the enemy in its strongholds.',
    tags: ['kandahar', 'taliban-heartland'],
    responsibility: [byIsk(`${STRATEGY}, endnote 71`)],
    citations: [cite(`${STRATEGY}, endnote 71`, 2)],
  }),
];
