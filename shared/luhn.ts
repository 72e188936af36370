/**
 * The Luhn check, as an IMEI carries it in its 15th digit and an ICCID in its last (ITU-T E.118):
 * a number whose digits pass it is far likelier an identifier than digits that happen to be there.
 */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
