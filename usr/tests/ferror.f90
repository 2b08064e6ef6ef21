! SPDX-License-Identifier: BSD-3-Clause
! ferror: Fortran runtime errors; each ends the program with libgfortran's message and exit
! status 2, as on Linux (run.sh compares with this source built by the host's gfortran).
!   ferror bounds       an array index out of bounds (compiled with -fcheck=bounds)
!   ferror open FILE    OPEN of a missing FILE with STATUS='OLD' and no IOSTAT
!   ferror read         a list-directed READ of an integer from a non-number
program ferror
  implicit none
  character(len=256) :: what, name
  integer :: a(10), i, u

  call get_command_argument(1, what)
  call get_command_argument(2, name)
  select case (trim(what))
  case ('bounds')
    a = 0
    i = 10 + command_argument_count()
    a(i) = 1
    write (*, *) a(i)
  case ('open')
    open (newunit=u, file=trim(name), status='old')
    close (u)
  case ('read')
    name = 'twelve'
    read (name, *) i
    write (*, *) i
  end select
  write (*, '(a)') 'ferror: no error'
end program ferror
