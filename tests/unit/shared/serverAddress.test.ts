import { describe, expect, it } from 'vitest';
import { HTTPS_REQUIRED_MESSAGE, enrollmentAddressProblem, isLoopbackHostname } from '@shared/serverAddress';

describe('where a laptop may enroll', () => {
  it('accepts https anywhere', () => {
    expect(enrollmentAddressProblem('https://sync.example.org')).toBeNull();
    expect(enrollmentAddressProblem('https://203.0.113.7:8443/sync/')).toBeNull();
  });

  it('accepts plain http only on this computer', () => {
    for (const url of ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787', 'http://127.45.0.3', 'http://sync.localhost'])
      expect(enrollmentAddressProblem(url), url).toBeNull();
  });

  it('refuses plain http to any other machine with a sentence that says why and what to do', () => {
    for (const url of [
      'http://sync.example.org',
      'http://192.168.1.20:8787',
      'http://10.0.0.5',
      'http://127.0.0.1.example.org',
      'http://localhost.example.org',
    ])
      expect(enrollmentAddressProblem(url), url).toBe(HTTPS_REQUIRED_MESSAGE);
    expect(HTTPS_REQUIRED_MESSAGE).toMatch(/must start with https:\/\//);
    expect(HTTPS_REQUIRED_MESSAGE).toMatch(/localhost or 127\.0\.0\.1/);
  });

  it('refuses other schemes and non-addresses', () => {
    expect(enrollmentAddressProblem('ftp://sync.example.org')).toBe(HTTPS_REQUIRED_MESSAGE);
    expect(enrollmentAddressProblem('sync.example.org')).toMatch(/not a server address/);
  });

  it('knows loopback names', () => {
    expect(isLoopbackHostname('127.0.0.1')).toBe(true);
    expect(isLoopbackHostname('[::1]')).toBe(true);
    expect(isLoopbackHostname('127.256.0.1')).toBe(false);
    expect(isLoopbackHostname('128.0.0.1')).toBe(false);
  });
});
