import { create } from 'zustand';
import type { Configuration } from '../../lib/configurations/configuration';

/** The options page's own UI state: which form is open and what can still be undone. */
interface OptionsUiState {
  /** null: closed; 'new': adding; otherwise the id being edited. */
  editing: null | 'new' | string;
  lastDeleted: Configuration | null;
  open(editing: 'new' | string): void;
  close(): void;
  deleted(configuration: Configuration | null): void;
}

export const useOptionsUi = create<OptionsUiState>((set) => ({
  editing: null,
  lastDeleted: null,
  open: (editing) => set({ editing }),
  close: () => set({ editing: null }),
  deleted: (lastDeleted) => set({ lastDeleted }),
}));
