/** Marked when the popup's list first reaches the screen (the benchmark waits for it). */
export const LIST_SHOWN_MARK = 'padbridge:list-shown';
