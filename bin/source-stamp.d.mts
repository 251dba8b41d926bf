export declare const STAMP_FILE: string;
export declare function sourceStamp(srcDir: string): { files: number; newestMs: number };
export declare function distIsFresh(srcDir: string, distDir: string): boolean;
