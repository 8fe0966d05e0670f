import { Alignment, Button, Classes, Icon, Navbar, NavbarDivider, NavbarGroup, NavbarHeading, Tab, Tabs, Tooltip } from '@blueprintjs/core';
import type { ReactNode } from 'react';
import type { OpenCase } from '../../shared/ipc/contract';
import { AutosaveIndicator } from './AutosaveIndicator';
import type { Theme } from './useTheme';
import { isViewId, VIEWS, type ViewId } from './views';

export interface AppNavbarProps {
  /** The open case, or null while none is. */
  openCase: OpenCase | null;
  /** The view on screen. */
  view: ViewId;
  /** Switches the view. */
  onViewChange(view: ViewId): void;
  /** The case switcher, rendered beside the app name. */
  switcher: ReactNode;
  /** Current theme, for the toggle's label. */
  theme: Theme;
  onToggleTheme(): void;
  onUndo(): void;
  onRedo(): void;
  onSaveNow(): void;
  /** Opens Blueprint's keyboard shortcuts dialog. */
  onShowHotkeys(): void;
}

/** The app frame's top bar: name, case switcher, views, undo/redo, autosave, theme. */
export function AppNavbar(props: AppNavbarProps) {
  const { openCase, view, theme } = props;
  const undo = openCase?.undo;
  const nextTheme = theme === 'dark' ? 'light' : 'dark';
  return (
    <Navbar className="cf-navbar">
      <NavbarGroup align={Alignment.LEFT}>
        <NavbarHeading className="cf-brand">
          <Icon icon="shield" aria-hidden />
          <span>Casefile Workbench</span>
        </NavbarHeading>
        <NavbarDivider />
        {props.switcher}
        <NavbarDivider />
        <Tabs
          id="cf-views"
          selectedTabId={view}
          onChange={(id) => isViewId(id) && props.onViewChange(id)}
          animate
          size="large"
          className="cf-view-tabs"
        >
          {VIEWS.map((v) => (
            <Tab key={v.id} id={v.id} title={<span className="cf-tab-label">{v.label}</span>} icon={v.icon} disabled={!openCase} />
          ))}
        </Tabs>
      </NavbarGroup>
      <NavbarGroup align={Alignment.RIGHT}>
        {openCase && (
          <>
            <Tooltip content={undo?.undoLabel ? `Undo: ${undo.undoLabel} (Ctrl+Z)` : 'Nothing to undo'} placement="bottom">
              <Button variant="minimal" icon="undo" aria-label="Undo" disabled={!undo?.canUndo} onClick={props.onUndo} />
            </Tooltip>
            <Tooltip content={undo?.redoLabel ? `Redo: ${undo.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'} placement="bottom">
              <Button variant="minimal" icon="redo" aria-label="Redo" disabled={!undo?.canRedo} onClick={props.onRedo} />
            </Tooltip>
            <NavbarDivider />
            <AutosaveIndicator autosave={openCase.autosave} onSaveNow={props.onSaveNow} />
            <NavbarDivider />
          </>
        )}
        <Tooltip content="Keyboard shortcuts (?)" placement="bottom">
          <Button variant="minimal" icon="key-command" aria-label="Keyboard shortcuts" onClick={props.onShowHotkeys} />
        </Tooltip>
        <Tooltip content={`Switch to ${nextTheme} theme`} placement="bottom-end">
          <Button
            variant="minimal"
            icon={theme === 'dark' ? 'flash' : 'moon'}
            aria-label={`Switch to ${nextTheme} theme`}
            onClick={props.onToggleTheme}
            className={Classes.FIXED}
          />
        </Tooltip>
      </NavbarGroup>
    </Navbar>
  );
}
