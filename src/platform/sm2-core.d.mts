export declare const SM2_USER_ID: '1234567812345678';
export declare function sm2Sign(message: string, keys: { privateKeyHex: string; publicKeyHex: string }): string;
export declare function sm2Verify(message: string, signatureB64: string, publicKeyHex: string): boolean;
