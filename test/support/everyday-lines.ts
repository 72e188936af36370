/**
 * One journal line of each kind the fast readers take (the index's, the export's check), and one
 * they leave to JSON.parse, written as the journal writes them: for tests that compare those
 * readers with the expressions or the full path they stand for.
 */
export const SIERRA = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
export const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';

/** One line of each kind the readers take, and of two they leave to JSON.parse. */
export const EVERYDAY: readonly string[] = [
  `{"v":2,"seq":41,"time":"2026-11-24T08:10:00.000Z","mono":51.25,"kind":"request","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","ref":"r41","op":"close","outcome":"sending","sessionOpenBefore":true}`,
  `{"v":2,"seq":42,"time":"2026-11-24T08:11:00.007Z","mono":52.5,"kind":"request-returned","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","ref":"r41","op":"close","outcome":"waiting","requestId":1041,"hresult":"0x8007000E","hresultName":"E_OUTOFMEMORY","callMs":0.6}`,
  `{"v":2,"seq":43,"time":"2026-11-24T08:12:00.014Z","mono":-3,"kind":"completion","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","op":"close","requestId":1041,"status":"0x80004005","statusName":"E_FAIL","match":"matched","ref":"r41","outcome":"failed","latencyMs":12.5}`,
  `{"v":2,"seq":44,"time":"0099-02-31T23:59:59.999Z","mono":1234567890123,"kind":"completion","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","op":"query","requestId":7,"status":"0x00000000","statusName":"S_OK","match":"unknown-request","ref":null,"outcome":null,"latencyMs":null}`,
  `{"v":2,"seq":45,"time":"2026-11-24T08:14:00.028Z","mono":0,"kind":"overdue","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","ref":"r41","op":"close","outcome":"overdue","requestId":null,"timeoutMs":10}`,
  `{"v":2,"seq":46,"time":"2026-11-24T08:15:00.035Z","mono":0.000001,"kind":"abandoned","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","ref":"x9","op":"close","outcome":"abandoned","requestId":3,"reason":"device-removed"}`,
  `{"v":2,"seq":47,"time":"2026-11-24T08:16:00.042Z","mono":999999999.5,"kind":"session-state","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","from":"open","to":"closing"}`,
  `{"v":2,"seq":48,"time":"2026-11-24T08:17:00.049Z","mono":7,"kind":"read-data","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","byteLength":4,"preview":"7e0a0001"}`,
  `{"v":2,"seq":0,"time":"2026-11-24T08:18:00.056Z","mono":8,"kind":"error","message":"x","context":"y"}`,
];
