"""noticegen: fictional IRS-style notices as data, rendered and degraded for noticescan's tests."""
