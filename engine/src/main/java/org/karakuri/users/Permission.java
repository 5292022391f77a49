package org.karakuri.users;

/** What a call or a page needs; a {@link Role} grants a set of these (the table in DESIGN.md). */
public enum Permission {
    /** Scenarios, their validation problems and next fire times; runs and their status. */
    VIEW,
    /** Reports, trails, evidence files, the rows of the ledger, savings. */
    EVIDENCE,
    /** Trigger, pause, resume, stop. */
    OPERATE,
    /** Decide about rows held for review: entered by hand, or enter again. */
    RESOLVE,
    /** The operations trail: who did what. */
    AUDIT,
    /** Users and their tokens. */
    USERS
}
