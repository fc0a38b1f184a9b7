"""Small tools the stages share: atomic writes and the garbage-collector pause."""
