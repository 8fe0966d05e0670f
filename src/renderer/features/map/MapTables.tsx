import { Button, HTMLTable, Section, SectionCard } from '@blueprintjs/core';
import { useState } from 'react';
import { countryName } from '../../../shared/analytics/map-presets';
import { estimate, exact } from '../../../shared/analytics/map-text';
import type { WorldMapData } from '../../../shared/analytics/world-map';

/** Rows shown before "Show all". */
const FIRST_ROWS = 25;

/**
 * The map's numbers as tables: events per admin-1 area and per country, exact; the 'spread'
 * policy's shares in their own column marked "≈", so the exact column adds up to its total.
 */
export function MapTables({ data }: { data: WorldMapData }) {
  const [all, setAll] = useState(false);
  const spread = data.groups.spreadEvents > 0;
  const areas = all ? data.areas : data.areas.slice(0, FIRST_ROWS);
  const countries = all ? data.countries : data.countries.slice(0, FIRST_ROWS);
  const more = data.areas.length > FIRST_ROWS || data.countries.length > FIRST_ROWS;
  return (
    <Section title="The map's numbers" compact className="cf-card" rightElement={more ? <Button minimal text={all ? 'Show fewer' : 'Show all rows'} onClick={() => setAll(!all)} /> : undefined}>
      <SectionCard>
        <div className="cf-map-tables">
          <HTMLTable compact striped aria-label="Events by admin-1 area">
            <thead>
              <tr>
                <th scope="col">Admin-1 area</th>
                <th scope="col">Country</th>
                <th scope="col" className="cf-num">Events</th>
                {spread && <th scope="col" className="cf-num">Estimated share (≈)</th>}
              </tr>
            </thead>
            <tbody>
              {areas.map((a) => (
                <tr key={a.key}>
                  <td>{a.name}</td>
                  <td>{countryName(a.country)}</td>
                  <td className="cf-num">{exact(a.events)}</td>
                  {spread && <td className="cf-num">{a.spread > 0 ? estimate(a.spread) : ''}</td>}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  All {exact(data.groups.areas)} areas with events{areas.length < data.areas.length ? ` (${exact(data.areas.length - areas.length)} not listed)` : ''}
                </th>
                <td className="cf-num">{exact(data.groups.inAreas)}</td>
                {spread && <td className="cf-num">{exact(data.groups.spreadEvents)} events shared</td>}
              </tr>
            </tfoot>
          </HTMLTable>
          <HTMLTable compact striped aria-label="Events by country">
            <thead>
              <tr>
                <th scope="col">Country</th>
                <th scope="col" className="cf-num">Events</th>
                <th scope="col" className="cf-num">In an admin-1 area</th>
                <th scope="col" className="cf-num">Country only</th>
                <th scope="col" className="cf-num">With coordinates</th>
              </tr>
            </thead>
            <tbody>
              {countries.map((c) => (
                <tr key={c.country}>
                  <td>{countryName(c.country)}</td>
                  <td className="cf-num">{exact(c.events)}</td>
                  <td className="cf-num">{exact(c.events - c.withoutArea)}</td>
                  <td className="cf-num">{exact(c.withoutArea)}</td>
                  <td className="cf-num">{exact(c.withCoordinates)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">All {exact(data.countries.length)} countries</th>
                <td className="cf-num">{exact(data.groups.events - data.groups.withoutPlace)}</td>
                <td className="cf-num">{exact(data.groups.inAreas)}</td>
                <td className="cf-num">{exact(data.groups.countryOnly)}</td>
                <td className="cf-num">{exact(data.groups.withCoordinates)}</td>
              </tr>
            </tfoot>
          </HTMLTable>
        </div>
      </SectionCard>
    </Section>
  );
}
