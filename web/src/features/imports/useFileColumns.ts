import { useEffect, useState } from "react";
import { readFileColumns } from "./fileColumns.js";

/** The column names found at the start of `file`, or [] while reading or when none. */
export function useFileColumns(file: File | null): string[] {
  const [columns, setColumns] = useState<string[]>([]);
  useEffect(() => {
    let current = true;
    setColumns([]);
    if (file) {
      void readFileColumns(file).then((found) => {
        if (current) setColumns(found);
      });
    }
    return () => {
      current = false;
    };
  }, [file]);
  return columns;
}
